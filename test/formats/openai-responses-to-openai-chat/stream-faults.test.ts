import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-responses-to-openai-chat"
import { createConversionContext } from "~/formats/types"
import { convertSplit, encodeAll, payloads, readRecorded, sseOf } from "./harness"

const created = { type: "response.created", response: { id: "resp_1", created_at: 1700000000, model: "gpt-5", status: "in_progress", output: [] } }
const completed = (extra: object = {}) => ({
  type: "response.completed",
  response: { id: "resp_1", status: "completed", output: [], usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 }, ...extra },
})

function run(events: unknown[], request: unknown = { model: "gpt-5", stream_options: { include_usage: true } }) {
  const ctx = createConversionContext(request)
  const out = convertSplit(sseOf(events, true), adapter.convertStream(ctx), 7)
  return { out, chunks: payloads(out), ctx }
}

describe("Responses → Chat stream: faults and edge cases", () => {
  test("response.failed becomes an error-only chunk, then [DONE]", () => {
    const { out, chunks } = run([created, { type: "response.failed", response: { id: "resp_1", status: "failed", output: [], error: { code: "server_error", message: "boom" } } }])
    // Nothing but `error`: the Vercel AI SDK reads a chunk with `choices` as a normal one and drops its error.
    expect(chunks.at(-1)).toEqual({ error: { message: "boom", type: "api_error", param: null, code: "server_error" } })
    expect(out.at(-1)!.data).toBe("[DONE]")
  })

  test("an error event becomes an error chunk", () => {
    const { chunks } = run([created, { type: "error", code: "rate_limit_exceeded", message: "slow down" }])
    expect(chunks.at(-1).error).toEqual({ message: "slow down", type: "api_error", param: null, code: "rate_limit_exceeded" })
  })

  test("a stream cut before response.completed ends with an error chunk, never a silent success", () => {
    const { chunks } = run([created, { type: "response.output_text.delta", output_index: 0, content_index: 0, item_id: "m", delta: "Hel" }])
    expect(chunks.some((c) => c.choices?.[0]?.finish_reason)).toBe(false)
    expect(chunks.at(-1).error.message).toContain("before response.completed")
  })

  test("invalid JSON data becomes an error chunk", () => {
    const converter = adapter.convertStream(createConversionContext({}))
    const out = converter.push({ data: "{nope" })
    expect(JSON.parse(out[0]!.data).error.message).toContain("invalid")
    expect(out.at(-1)!.data).toBe("[DONE]")
    expect(converter.end()).toEqual([])
  })

  test("minimal Codex-style stream (created → item.done → completed) loses nothing", () => {
    const { chunks } = run([
      created,
      { type: "response.output_item.done", output_index: 0, item: { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "think" }], encrypted_content: "ENC==" } },
      { type: "response.output_item.done", output_index: 1, item: { type: "message", role: "assistant", content: [{ type: "output_text", text: "hi" }] } },
      { type: "response.output_item.done", output_index: 2, item: { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: "{}" } },
      completed(),
    ])
    const deltas = chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta))
    expect(deltas.map((d) => d.reasoning_content).filter(Boolean)).toEqual(["think"])
    expect(deltas.map((d) => d.content).filter(Boolean)).toEqual(["hi"])
    expect(deltas.flatMap((d) => d.tool_calls ?? [])).toEqual([
      { index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "" } },
      { index: 0, function: { arguments: "{}" } },
    ])
    expect(deltas.flatMap((d) => d.reasoning_details ?? [])).toContainEqual({ type: "reasoning.encrypted", id: "rs_1", format: "openai-responses-v1", index: 0, data: "ENC==" })
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe("tool_calls")
  })

  test("output found only in response.completed.output is emitted before the finish chunk", () => {
    const { chunks } = run([
      created,
      completed({
        output: [
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "think" }] },
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "hello" }] },
          { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: '{"a":1}' },
        ],
      }),
    ])
    const deltas = chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta))
    expect(deltas.map((d) => d.reasoning_content).filter(Boolean)).toEqual(["think"])
    expect(deltas.map((d) => d.content).filter(Boolean)).toEqual(["hello"])
    expect(deltas.flatMap((d) => d.tool_calls ?? [])).toEqual([
      { index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "" } },
      { index: 0, function: { arguments: '{"a":1}' } },
    ])
    expect(chunks.at(-2).choices[0].finish_reason).toBe("tool_calls")
  })

  test("response.completed.output does not repeat what deltas or output_item.done already sent", () => {
    const message = { type: "message", role: "assistant", content: [{ type: "output_text", text: "hi there" }] }
    const call = { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: "{}" }
    const { chunks } = run([
      created,
      { type: "response.output_text.delta", output_index: 0, content_index: 0, delta: "hi " },
      { type: "response.output_text.delta", output_index: 0, content_index: 0, delta: "there" },
      { type: "response.output_item.done", output_index: 1, item: call },
      completed({ output: [message, call, { type: "message", role: "assistant", content: "late" }] }),
    ])
    const deltas = chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta))
    expect(deltas.map((d) => d.content).filter(Boolean)).toEqual(["hi ", "there", "late"])
    expect(deltas.flatMap((d) => d.tool_calls ?? []).filter((t: any) => t.id)).toHaveLength(1)
  })

  test("a message item whose content is a plain string is sent when no delta carried it", () => {
    const { chunks } = run([
      created,
      { type: "response.output_item.done", output_index: 0, item: { type: "message", role: "assistant", content: "plain" } },
      completed(),
    ])
    expect(chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta.content)).filter(Boolean)).toEqual(["plain"])
  })

  test("incomplete with max_output_tokens finishes with length; content_filter maps through", () => {
    const incomplete = (reason: string) => ({ type: "response.incomplete", response: { id: "resp_1", status: "incomplete", incomplete_details: { reason }, output: [] } })
    expect(run([created, incomplete("max_output_tokens")]).chunks.at(-1).choices[0].finish_reason).toBe("length")
    expect(run([created, incomplete("content_filter")]).chunks.at(-1).choices[0].finish_reason).toBe("content_filter")
  })

  test("unknown upstream events (codex.rate_limits) are skipped with one warning per type", () => {
    const { chunks, ctx } = run([created, { type: "codex.rate_limits", primary: {} }, { type: "codex.rate_limits" }, completed()])
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop")
    expect(ctx.warnings).toEqual([{ code: "unsupported", path: "stream.codex.rate_limits", message: expect.any(String) }])
  })

  test("the same non-empty id on every chunk, even before response.created", () => {
    const { chunks } = run([{ type: "response.output_text.delta", output_index: 0, delta: "x" }, completed()])
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(["chatcmpl-ccproxy"]))
    expect(chunks[0].choices[0].delta.role).toBe("assistant")
  })

  test("encrypted reasoning (vercel fixture) is carried byte-exact in reasoning_details", async () => {
    const lines = (await readRecorded("vercel-ai.openai-reasoning-encrypted-content.1.chunks.jsonl")).split("\n").filter(Boolean)
    const all = lines.map((line) => JSON.parse(line))
    const events = all.slice(0, all.findIndex((e) => e.type === "response.completed") + 1)
    const expected = events.filter((e) => e.type === "response.output_item.done" && e.item.type === "reasoning").map((e) => e.item.encrypted_content)
    expect(expected.length).toBeGreaterThan(0)
    const text = sseOf(events, true)
    const reference = encodeAll(convertSplit(text, adapter.convertStream(createConversionContext({})), 1))
    const { chunks } = run(events)
    expect(encodeAll(convertSplit(text, adapter.convertStream(createConversionContext({})), 99))).toBe(reference)
    const carried = chunks.flatMap((c) => c.choices[0]?.delta.reasoning_details ?? []).filter((d: any) => d.type === "reasoning.encrypted")
    expect(carried.map((d: any) => d.data)).toEqual(expected)
  })
})
