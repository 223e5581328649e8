import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-responses-to-openai-chat"
import { createConversionContext } from "~/formats/types"
import { convertSplit, encodeAll, payloads, readRecorded } from "./harness"

const STREAMS = [
  "ccproxy-api.codex_responses_stream.response.sse",
  "ccproxy-api.codex_responses_thinking_stream.response.sse",
  "ccproxy-api.codex_responses_tools_stream.response.sse",
  "openai-responses-gpt-5-parallel-function_calls.0.response.sse",
  "openai-responses-gpt-5-parallel-function_calls.1.response.sse",
  "openai-responses-gpt-5-reasoning-function_call.0.response.sse",
  "openai-responses-gpt-5-reasoning-function_call.1.response.sse",
  "openai-responses-gpt-5-summary-thinking.0.response.sse",
  "openai-responses-gpt-5-summary-thinking.1.response.sse",
]

function run(text: string, seed = 1, request: unknown = { model: "gpt-5", stream: true, stream_options: { include_usage: true } }) {
  const ctx = createConversionContext(request)
  const events = convertSplit(text, adapter.convertStream(ctx), seed)
  return { events, chunks: payloads(events), ctx }
}

/** What a Chat client assembles from the chunks. */
function assemble(chunks: any[]) {
  let content = ""
  let reasoning = ""
  const tools: { id?: string; name?: string; arguments: string }[] = []
  let finish: string | undefined
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      content += choice.delta.content ?? ""
      reasoning += choice.delta.reasoning_content ?? ""
      for (const call of choice.delta.tool_calls ?? []) {
        tools[call.index] ??= { arguments: "" }
        const tool = tools[call.index]!
        if (call.id) tool.id = call.id
        if (call.function?.name) tool.name = call.function.name
        tool.arguments += call.function?.arguments ?? ""
      }
      if (choice.finish_reason) finish = choice.finish_reason
    }
  }
  return { content, reasoning, tools, finish }
}

/** The final output items of the recorded Responses stream (its response.completed). */
function completedOutput(text: string): any[] {
  const line = text.split("\n").find((l) => l.startsWith("data: ") && l.includes('"type":"response.completed"'))!
  return JSON.parse(line.slice(6)).response.output
}

describe("Responses → Chat stream: recorded streams", () => {
  for (const name of STREAMS) {
    test(`${name}: identical across random splits and structurally valid`, async () => {
      const text = await readRecorded(name)
      const reference = encodeAll(run(text, 1).events)
      for (const seed of [2, 3, 42, 1234]) expect(encodeAll(run(text, seed).events)).toBe(reference)

      const { events, chunks } = run(text)
      expect(events.at(-1)!.data).toBe("[DONE]")
      const ids = new Set(chunks.map((c) => c.id))
      expect(ids.size).toBe(1)
      expect([...ids][0]).toMatch(/^resp_/)
      for (const chunk of chunks) {
        expect(chunk.object).toBe("chat.completion.chunk")
        expect(typeof chunk.created).toBe("number")
        expect(chunk.model).toBeTruthy()
        expect(chunk.error).toBeUndefined()
        for (const choice of chunk.choices) expect(choice.index).toBe(0)
      }
      expect(chunks[0].choices[0].delta.role).toBe("assistant")
      expect(chunks.filter((c) => c.choices[0]?.delta.role).length).toBe(1)

      const output = completedOutput(text)
      const assembled = assemble(chunks)
      const expectedText = output
        .filter((i: any) => i.type === "message")
        .flatMap((i: any) => i.content.map((p: any) => p.text))
        .join("")
      expect(assembled.content).toBe(expectedText)
      const calls = output.filter((i: any) => i.type === "function_call")
      expect(assembled.tools).toEqual(calls.map((c: any) => ({ id: c.call_id, name: c.name, arguments: c.arguments })))
      const summaries = output.filter((i: any) => i.type === "reasoning").flatMap((i: any) => i.summary.map((s: any) => s.text))
      expect(assembled.reasoning).toBe(summaries.join("\n\n"))
      expect(assembled.finish).toBe(calls.length > 0 ? "tool_calls" : "stop")

      const usageChunk = chunks.at(-1)
      expect(usageChunk.choices).toEqual([])
      expect(usageChunk.usage.prompt_tokens).toBeGreaterThan(0)
    })
  }

  test("tool call deltas: first carries index, id, type, name and empty arguments; continuations only index + arguments", async () => {
    const { chunks } = run(await readRecorded("ccproxy-api.codex_responses_tools_stream.response.sse"))
    const deltas = chunks.flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.tool_calls ?? []))
    const seen = new Set<number>()
    for (const delta of deltas) {
      if (!seen.has(delta.index)) {
        seen.add(delta.index)
        expect(delta).toEqual({ index: delta.index, id: expect.stringMatching(/^call_/), type: "function", function: { name: expect.any(String), arguments: "" } })
      } else {
        expect(Object.keys(delta).sort()).toEqual(["function", "index"])
        expect(Object.keys(delta.function)).toEqual(["arguments"])
      }
    }
    expect(seen.size).toBe(2)
  })

  test("text deltas stream as they arrive (one chunk per upstream delta)", async () => {
    const text = await readRecorded("ccproxy-api.codex_responses_thinking_stream.response.sse")
    const upstreamDeltas = text.split("\n").filter((l) => l.includes('"type":"response.output_text.delta"')).length
    const { chunks } = run(text)
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(upstreamDeltas)
  })

  test("regression 11.2.3: reasoning is emitted once, incrementally, never as <thinking> text", async () => {
    const text = await readRecorded("ccproxy-api.codex_responses_thinking_stream.response.sse")
    const { chunks } = run(text)
    const output = completedOutput(text)
    const summaries = output[0].summary.map((s: any) => s.text)
    const { reasoning, content } = assemble(chunks)
    expect(reasoning).toBe(summaries.join("\n\n"))
    expect(chunks.filter((c) => c.choices[0]?.delta.reasoning_content).length).toBeGreaterThan(100)
    expect(content).not.toContain("<thinking")
    const details = chunks.flatMap((c) => c.choices[0]?.delta.reasoning_details ?? [])
    expect(details).toEqual(summaries.map((summary: string) => ({ type: "reasoning.summary", id: output[0].id, format: "openai-responses-v1", index: 0, summary })))
  })

  test("usage chunk only when stream_options.include_usage was asked; it maps cached and reasoning tokens", async () => {
    const text = await readRecorded("ccproxy-api.codex_responses_thinking_stream.response.sse")
    const without = run(text, 1, { model: "gpt-5", stream: true }).chunks
    expect(without.some((c) => c.usage)).toBe(false)
    const usage = run(text).chunks.at(-1).usage
    expect(usage).toEqual({
      prompt_tokens: 2259,
      completion_tokens: 395,
      total_tokens: 2654,
      prompt_tokens_details: { cached_tokens: 2176 },
      completion_tokens_details: { reasoning_tokens: 320 },
    })
  })
})
