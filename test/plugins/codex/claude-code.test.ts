import { afterEach, expect, test } from "bun:test"
import { parseSse } from "~/formats/sse/parse"
import { sseResponse } from "../../helpers/fake-server"
import { ACCOUNT_ID, capturedRequest, recorded, startCodexHarness, type CodexHarness } from "./harness"

let harness: CodexHarness
afterEach(() => harness?.stop())

const claudeCode = capturedRequest("claude-code-2.1.197-p-hi.json")

function replayClaudeCode(base: string, body: Record<string, unknown> = claudeCode.body) {
  const headers = new Headers(claudeCode.headers)
  for (const name of ["host", "content-length", "accept-encoding", "connection"]) headers.delete(name)
  return fetch(`${base}/codex/v1/messages?beta=true`, { method: "POST", headers, body: JSON.stringify(body) })
}

const events = (text: string) => parseSse(text).map((event) => ({ name: event.event, data: JSON.parse(event.data) }))

test("the real Claude Code request: what reaches the ChatGPT backend", async () => {
  harness = await startCodexHarness(() => sseResponse([recorded("ccproxy-api.codex_responses_stream.response.sse")]))
  const response = await replayClaudeCode(harness.url)
  expect(response.status).toBe(200)
  const warnings = response.headers.get("x-ccproxy-warnings") ?? ""
  expect(warnings).toContain("field_dropped max_output_tokens")
  await response.text()

  const sent = harness.backend.requests[0]!.headers
  expect(sent.get("chatgpt-account-id")).toBe(ACCOUNT_ID)
  expect(sent.get("session_id")).toBe(claudeCode.headers["x-claude-code-session-id"]!)
  expect(sent.get("originator")).toBe("codex_cli_rs")
  expect(sent.get("user-agent")).toStartWith("codex_cli_rs/")
  expect([...sent.keys()].filter((name) => /^(anthropic-|x-stainless-|x-claude-code-|x-app$|x-api-key$)/.test(name))).toEqual([])
  expect(sent.get("authorization")).not.toContain("sk-ant-mock")

  const [body] = await harness.bodies()
  expect(body.model).toBe("gpt-5.3-codex")
  expect(body).toMatchObject({ stream: true, store: false, include: ["reasoning.encrypted_content"], reasoning: { effort: "high", summary: "auto" } })
  for (const field of ["max_output_tokens", "temperature", "metadata", "safety_identifier", "thinking", "context_management"]) expect(body).not.toHaveProperty(field)
  expect(body.instructions).not.toContain("x-anthropic-billing-header")
  expect(body.instructions).toContain("Claude")
  expect(body.tools.map((tool: { name: string }) => tool.name)).toEqual(claudeCode.body.tools.map((tool: { name: string }) => tool.name))
  expect(body.input.every((item: { role?: string }) => item.role !== "system" && item.role !== "developer")).toBe(true)

  await (await replayClaudeCode(harness.url)).text()
  const [, again] = await harness.bodies()
  expect(again!.prompt_cache_key).toBe(body.prompt_cache_key)
})

test("reasoning comes back as real thinking blocks, then text; the client's model name is kept", async () => {
  harness = await startCodexHarness(() => sseResponse([recorded("ccproxy-api.codex_responses_thinking_stream.response.sse")]))
  const out = events(await (await replayClaudeCode(harness.url)).text())
  expect(out[0]).toMatchObject({ name: "message_start", data: { message: { model: "claude-opus-4-8", usage: { input_tokens: expect.any(Number) } } } })
  const blocks = out.filter((event) => event.name === "content_block_start").map((event) => event.data.content_block.type)
  expect(blocks[0]).toBe("thinking")
  expect(blocks.at(-1)).toBe("text")
  expect(out.some((event) => event.data.delta?.type === "thinking_delta")).toBe(true)
  expect(out.some((event) => event.data.delta?.type === "text_delta" && String(event.data.delta.text).includes("<thinking"))).toBe(false)
  expect(out.at(-1)!.name).toBe("message_stop")
})

test("function calls become tool_use blocks with stop_reason tool_use and usage filled in", async () => {
  harness = await startCodexHarness(() => sseResponse([recorded("ccproxy-api.codex_responses_tools_stream.response.sse")]))
  const out = events(await (await replayClaudeCode(harness.url)).text())
  const tools = out.filter((event) => event.name === "content_block_start" && event.data.content_block.type === "tool_use")
  expect(tools.length).toBe(2)
  expect(tools[0]!.data.content_block).toMatchObject({ id: expect.any(String), name: expect.any(String), input: {} })
  const delta = out.find((event) => event.name === "message_delta")!
  expect(delta.data.delta.stop_reason).toBe("tool_use")
  expect(delta.data.usage.output_tokens).toBeGreaterThan(0)
})

test("Claude Code's non-streaming fallback gets a whole message assembled from the stream", async () => {
  harness = await startCodexHarness(() => sseResponse([recorded("ccproxy-api.codex_responses_tools_stream.response.sse")]))
  const { stream: _stream, ...body } = claudeCode.body
  const response = await replayClaudeCode(harness.url, body)
  expect(response.headers.get("content-type")).toContain("application/json")
  const message = (await response.json()) as Record<string, any>
  expect(message).toMatchObject({ type: "message", role: "assistant", model: "claude-opus-4-8", stop_reason: "tool_use" })
  expect(message.content.filter((block: { type: string }) => block.type === "tool_use")).toHaveLength(2)
  expect(message.usage.input_tokens).toBeGreaterThan(0)
  const [sent] = await harness.bodies()
  expect(sent!.stream).toBe(true)
})

test("turn two: Claude's own thinking is dropped with a warning, the tool call and its result go up paired", async () => {
  harness = await startCodexHarness(() => sseResponse([recorded("ccproxy-api.codex_responses_stream.response.sse")]))
  const turn2 = capturedRequest("claude-code-2.1.197-tool-roundtrip-turn2.json")
  const response = await replayClaudeCode(harness.url, turn2.body)
  expect(response.headers.get("x-ccproxy-warnings")).toMatch(/field_dropped input\[\d+\]/)
  await response.text()
  const [body] = await harness.bodies()
  const types = body!.input.map((item: { type: string }) => item.type)
  expect(types).not.toContain("reasoning")
  const call = body!.input.find((item: { type: string }) => item.type === "function_call")
  const output = body!.input.find((item: { type: string }) => item.type === "function_call_output")
  expect(output.call_id).toBe(call.call_id)
  expect(body!.instructions).toContain(turn2.body.messages[1].content.slice(0, 40))
})
