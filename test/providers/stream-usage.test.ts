import { expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseSse } from "~/formats/sse/parse"
import type { FormatId } from "~/formats/types"
import { StreamUsageObserver } from "~/providers/usage"

const recorded = (name: string) => readFileSync(join(import.meta.dir, "../fixtures/upstream/recorded", name), "utf8")

function observed(format: FormatId, text: string) {
  const observer = new StreamUsageObserver(format)
  for (const event of parseSse(text)) observer.observe(event)
  return observer.usage()
}

test("Anthropic: model and input from message_start, output from message_delta", () => {
  expect(observed("anthropic.messages", recorded("anthropic-tool_use.0.response.sse"))).toMatchObject({ model: expect.stringContaining("claude"), tokens_input: 394, tokens_output: 67, tokens_cache_read: 0, tokens_cache_write: 0 })
})

test("Responses: usage from response.completed", () => {
  const usage = observed("openai.responses", recorded("ccproxy-api.codex_responses_stream.response.sse"))
  expect(usage.tokens_input).toBe(2239)
  expect(usage.tokens_output).toBeGreaterThan(0)
})

test("Chat: the model from the first chunk, usage from the chunk whose usage is not null", () => {
  const usage = observed("openai.chat_completions", recorded("openai-chat-gpt-4o-text.0.response.sse"))
  expect(usage.model).toContain("gpt-4o")
  expect(usage.tokens_output).toBeGreaterThan(0)
  expect(usage.tokens_input).toBeGreaterThan(0)
  const spaced = 'data: {"id":"c","model":"m1","choices":[{"delta":{"content":"hi"}}], "usage": null}\n\ndata: {"id":"c","model":"m1","choices":[], "usage": {"prompt_tokens": 5, "completion_tokens": 2}}\n\ndata: [DONE]\n\n'
  expect(observed("openai.chat_completions", spaced)).toEqual({ model: "m1", tokens_input: 5, tokens_output: 2 })
})

test("an event of a usage-bearing name whose data is JSON but not an object is skipped, not thrown on", () => {
  for (const [format, name] of [["anthropic.messages", "message_start"], ["anthropic.messages", "message_delta"], ["openai.responses", "response.completed"]] as const) {
    const observer = new StreamUsageObserver(format)
    expect(() => observer.observe({ event: name, data: "null" })).not.toThrow()
    expect(observer.usage()).toEqual({})
  }
})
