import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter } from "~/formats/convert/openai-chat-to-openai-responses"
import { createConversionContext } from "~/formats/types"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { convertSplit, encodeAll, payloads, readRecorded, sseOf } from "../openai-responses-to-openai-chat/harness"

const STREAMS = [
  "ccproxy-api.copilot_chat_completions_tools_stream.response.sse",
  "openai-chat-gpt-4o-parallel_tool_calls.0.response.sse",
  "openai-chat-gpt-4o-parallel_tool_calls.1.response.sse",
  "openai-chat-gpt-4o-text.0.response.sse",
  "openai-chat-gpt-4o-tool_calls.0.response.sse",
  "openai-chat-gpt-4o-tool_calls.1.response.sse",
]
const request = { model: "gpt-4o", input: "hi", stream: true }

function run(text: string, seed = 1) {
  const ctx = createConversionContext(request)
  const events = convertSplit(text, adapter.convertStream(ctx), seed)
  return { events, data: payloads(events), ctx }
}

/** What a Chat client would assemble from the upstream chunks. */
function chatTruth(text: string) {
  const chunks = text.split("\n").filter((l) => l.startsWith("data: {")).map((l) => JSON.parse(l.slice(6)))
  let content = ""
  const calls: { id: string; name: string; arguments: string }[] = []
  let usage: any
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage
    for (const choice of chunk.choices) {
      content += choice.delta.content ?? ""
      for (const call of choice.delta.tool_calls ?? []) {
        calls[call.index] ??= { id: call.id, name: call.function.name, arguments: "" }
        calls[call.index]!.arguments += call.function?.arguments ?? ""
      }
    }
  }
  return { content, calls, usage }
}

describe("Chat → Responses stream: recorded streams", () => {
  for (const name of STREAMS) {
    test(`${name}: identical across random splits, SDK-valid order, whole output in response.completed`, async () => {
      const text = await readRecorded(name)
      const reference = encodeAll(run(text, 1).events)
      for (const seed of [2, 3, 42, 1234]) expect(encodeAll(run(text, seed).events)).toBe(reference)
      const { events, data } = run(text)
      expect(data[0].type).toBe("response.created")
      expect(data[1].type).toBe("response.in_progress")
      expect(data.at(-1).type).toBe("response.completed")
      data.forEach((event, index) => expect(event.sequence_number).toBe(index))
      events.forEach((event) => expect(event.event).toBe(JSON.parse(event.data).type))

      const added = new Set<number>()
      const parts = new Set<string>()
      for (const event of data) {
        if (event.type === "response.output_item.added") added.add(event.output_index)
        if (event.type === "response.content_part.added") parts.add(`${event.output_index}:${event.content_index}`)
        if (event.type.endsWith(".delta") || event.type === "response.output_item.done") expect(added.has(event.output_index)).toBe(true)
        if (event.type === "response.output_text.delta") expect(parts.has(`${event.output_index}:${event.content_index}`)).toBe(true)
      }
      const itemDone = data.filter((e) => e.type === "response.output_item.done").length
      expect(itemDone).toBe(added.size)

      const truth = chatTruth(text)
      const final = data.at(-1).response
      const message = final.output.find((i: any) => i.type === "message")
      expect(message?.content[0].text ?? "").toBe(truth.content)
      expect(final.output.filter((i: any) => i.type === "function_call").map((i: any) => ({ id: i.call_id, name: i.name, arguments: i.arguments }))).toEqual(truth.calls)
      expect(final.usage).toMatchObject({ input_tokens: truth.usage.prompt_tokens, output_tokens: truth.usage.completion_tokens, total_tokens: truth.usage.total_tokens })
      expect(final.status).toBe("completed")
    })
  }
})

test("vercel-ai openai-text chunks (JSONL): identical across splits, text and usage kept", async () => {
  const lines = (await readRecorded("vercel-ai.openai-text.chunks.jsonl")).split("\n").filter(Boolean)
  const text = lines.map((line) => `data: ${line}\n\n`).join("") + "data: [DONE]\n\n"
  const reference = encodeAll(run(text, 1).events)
  for (const seed of [5, 6]) expect(encodeAll(run(text, seed).events)).toBe(reference)
  const final = run(text).data.at(-1).response
  expect(final.status).toBe("completed")
  expect(final.output[0].content[0].text).toBe(chatTruth(text).content)
  expect(final.usage.output_tokens).toBe(chatTruth(text).usage.completion_tokens)
})

describe("Chat → Responses stream: edge cases", () => {
  const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1700000000,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  })

  test("reasoning_content deltas become a reasoning item with summary events; reasoning_details restore id and encrypted_content", () => {
    const details = [
      { type: "reasoning.summary", id: "rs_orig", format: "openai-responses-v1", index: 0, summary: "thinking more" },
      { type: "reasoning.encrypted", id: "rs_orig", format: "openai-responses-v1", index: 0, data: "ENC==" },
    ]
    const { data } = run(sseOf([chunk({ role: "assistant", reasoning_content: "thinking " }), chunk({ reasoning_content: "more" }), chunk({ reasoning_details: details }), chunk({ content: "ok" }), chunk({}, "stop"), "[DONE]"].map((c) => c)))
    const types = data.map((e) => e.type)
    expect(types.filter((t) => t.startsWith("response.reasoning_summary"))).toEqual([
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
    ])
    expect(data.at(-1).response.output[0]).toEqual({ id: "rs_orig", type: "reasoning", summary: [{ type: "summary_text", text: "thinking more" }], encrypted_content: "ENC==" })
    expect(data.at(-1).response.output[1].content[0].text).toBe("ok")
  })

  test("reasoning_details of another format leave the reasoning item without encrypted_content, warned once", () => {
    const details = [{ type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 0, data: "REDACTED" }]
    const { data, ctx } = run(sseOf([chunk({ role: "assistant", reasoning_content: "plan" }), chunk({ reasoning_details: details }), chunk({ reasoning_details: details }), chunk({ content: "ok" }), chunk({}, "stop")]))
    const final = data.at(-1).response
    expect(final.output[0]).toEqual({ id: "rs_chatcmpl-1_0", type: "reasoning", summary: [{ type: "summary_text", text: "plan" }] })
    expect(JSON.stringify(final)).not.toContain("REDACTED")
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([["unsupported", "choices[0].delta.reasoning_details"]])
  })

  test("finish_reason length → response.incomplete with max_output_tokens", () => {
    const { data } = run(sseOf([chunk({ role: "assistant", content: "abc" }), chunk({}, "length")]))
    expect(data.at(-1)).toMatchObject({ type: "response.incomplete", response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } })
  })

  test("an error chunk becomes error (type and code kept) then response.failed", () => {
    const { data } = run(sseOf([chunk({ role: "assistant", content: "a" }), { error: { message: "quota", type: "rate_limit_error", code: "429" } }]))
    expect(data.at(-2)).toMatchObject({ type: "error", code: "429", message: "quota", error: { type: "rate_limit_error", code: "429", message: "quota" } })
    expect(data.at(-1)).toMatchObject({ type: "response.failed", response: { status: "failed", error: { message: "quota", code: "429" } } })
    expect(data.at(-1).sequence_number).toBe(data.at(-2).sequence_number + 1)
  })

  test("a stream cut before finish_reason becomes response.failed (created still first)", () => {
    const { data } = run(sseOf([chunk({ role: "assistant", content: "a" })]))
    expect(data[0].type).toBe("response.created")
    expect(data.at(-1)).toMatchObject({ type: "response.failed", response: { error: { message: expect.stringContaining("before a finish_reason") } } })
    const empty = run("")
    expect(empty.data.map((e) => e.type)).toEqual(["response.created", "response.in_progress", "error", "response.failed"])
  })

  test("text after a tool call opens a new message item", () => {
    const { data } = run(sseOf([
      chunk({ role: "assistant", content: "a" }),
      chunk({ tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] }),
      chunk({ content: "b" }),
      chunk({}, "tool_calls"),
    ]))
    expect(data.at(-1).response.output.map((i: any) => i.type)).toEqual(["message", "function_call", "message"])
  })
})

describe("Chat → Responses: the official OpenAI SDK consumes the output", () => {
  async function final(name: string) {
    const converted = encodeAll(run(await readRecorded(name), 11).events)
    await using server = startFakeServer(() => sseResponse([converted]))
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 })
    return await client.responses.stream({ model: "gpt-4o", input: "hi" }).finalResponse()
  }

  test("responses.stream().finalResponse(): parallel function calls with arguments and usage", async () => {
    const response = await final("openai-chat-gpt-4o-parallel_tool_calls.0.response.sse")
    const calls = response.output.filter((item) => item.type === "function_call")
    expect(calls).toHaveLength(2)
    for (const call of calls) expect(() => JSON.parse(call.arguments)).not.toThrow()
    expect(response.status).toBe("completed")
    expect(response.usage?.total_tokens).toBe(156)
  })

  test("responses.stream().finalResponse() accepts the response.incomplete end of a truncated answer", async () => {
    const recorded = await readRecorded("openai-chat-gpt-4o-text.0.response.sse")
    const truncated = recorded.replace('"finish_reason":"stop"', '"finish_reason":"length"')
    expect(truncated).not.toBe(recorded)
    const converted = encodeAll(run(truncated, 5).events)
    await using server = startFakeServer(() => sseResponse([converted]))
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const response = await client.responses.stream({ model: "gpt-4o", input: "hi" }).finalResponse()
    expect(response.status).toBe("incomplete")
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" })
    expect(response.output_text).toBe(chatTruth(recorded).content)
  })

  test("a stream cut before finish_reason: responses.stream().finalResponse() throws APIError", async () => {
    const recorded = await readRecorded("openai-chat-gpt-4o-text.0.response.sse")
    const cut = recorded.slice(0, recorded.indexOf('"finish_reason":"stop"'))
    const converted = encodeAll(run(cut.slice(0, cut.lastIndexOf("data: ")), 3).events)
    await using server = startFakeServer(() => sseResponse([converted]))
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const error = await client.responses.stream({ model: "gpt-4o", input: "hi" }).finalResponse().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error).toMatchObject({ message: "upstream stream ended before a finish_reason", code: "server_error" })
  })

  test("responses.stream().finalResponse(): text", async () => {
    const response = await final("openai-chat-gpt-4o-text.0.response.sse")
    expect(response.output_text.length).toBeGreaterThan(0)
    expect(response.output_text).toBe(chatTruth(await readRecorded("openai-chat-gpt-4o-text.0.response.sse")).content)
  })
})
