import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter as chatToResponses } from "~/formats/convert/openai-chat-to-openai-responses"
import { adapter as responsesToChat } from "~/formats/convert/openai-responses-to-openai-chat"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { startFakeServer } from "../../helpers/fake-server"
import { REQUESTS, convertSplit, encodeAll, payloads, readJson, readRecorded } from "../openai-responses-to-openai-chat/harness"

const completion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1700000000,
  model: "gpt-4o",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "checking",
        reasoning_content: "plan",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
      },
      finish_reason: "tool_calls",
    },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 1 } },
}

describe("Chat → Responses response", () => {
  test("reasoning, message, function call, usage, status", () => {
    const out = chatToResponses.convertResponse(completion, createConversionContext({ model: "gpt-4o", input: "x" })) as any
    expect(out).toMatchObject({ id: "chatcmpl-1", object: "response", created_at: 1700000000, status: "completed", incomplete_details: null, model: "gpt-4o" })
    expect(out.output).toEqual([
      { type: "reasoning", id: "rs_chatcmpl-1", summary: [{ type: "summary_text", text: "plan" }] },
      { type: "message", id: "msg_chatcmpl-1", status: "completed", role: "assistant", content: [{ type: "output_text", text: "checking", annotations: [] }] },
      { type: "function_call", id: "fc_call_1", call_id: "call_1", name: "f", arguments: '{"a":1}', status: "completed" },
    ])
    expect(out.usage).toEqual({ input_tokens: 10, input_tokens_details: { cached_tokens: 3 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 1 }, total_tokens: 15 })
  })

  test("foreign reasoning_details are dropped with a warning; reasoning_content still becomes a summary", () => {
    const ctx = createConversionContext({ model: "m" })
    const details = [{ type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 0, data: "REDACTED" }]
    const body = { ...completion, choices: [{ ...completion.choices[0]!, message: { ...completion.choices[0]!.message, reasoning_details: details } }] }
    const out = chatToResponses.convertResponse(body, ctx) as any
    expect(out.output[0]).toEqual({ type: "reasoning", id: "rs_chatcmpl-1", summary: [{ type: "summary_text", text: "plan" }] })
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([["unsupported", "choices[0].message.reasoning_details"]])
  })

  test("length → incomplete/max_output_tokens", () => {
    const out = chatToResponses.convertResponse({ ...completion, choices: [{ index: 0, message: { role: "assistant", content: "ab" }, finish_reason: "length" }] }, createConversionContext({})) as any
    expect(out.status).toBe("incomplete")
    expect(out.incomplete_details).toEqual({ reason: "max_output_tokens" })
  })

  test("the official SDK's responses.create reads it (output_text, function call, usage)", async () => {
    const body = chatToResponses.convertResponse(completion, createConversionContext({}))
    await using server = startFakeServer(() => Response.json(body))
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const response = await client.responses.create({ model: "gpt-4o", input: "hi" })
    expect(response.output_text).toBe("checking")
    expect(response.output.find((item) => item.type === "function_call")).toMatchObject({ call_id: "call_1", arguments: '{"a":1}' })
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(3)
  })

  test("errors: envelope kept, {detail} normalised, status preserved", () => {
    const ctx = createConversionContext({})
    expect(chatToResponses.convertError({ status: 401, body: { error: { message: "bad key", type: "authentication_error", code: "invalid_api_key" } } }, ctx)).toEqual({
      status: 401,
      body: { error: { message: "bad key", type: "authentication_error", param: null, code: "invalid_api_key" } },
    })
    expect(chatToResponses.convertError({ status: 400, body: { detail: "nope" } }, ctx)).toEqual({
      status: 400,
      body: { error: { message: "nope", type: "invalid_request_error", param: null, code: null } },
    })
  })

  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, [], {}, { choices: "x" }, { choices: [null] }, { id: "c", choices: [{ index: 0, message: { role: "assistant", content: [null] } }] }]) {
      const convert = () => chatToResponses.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})

describe("round trips", () => {
  test("Responses request → Chat → Responses keeps Codex history, encrypted_content byte-exact", async () => {
    const { body } = await readJson(`${REQUESTS}/codex-0.171.0-tool-roundtrip-turn2.json`)
    const chat = responsesToChat.convertRequest(body, createConversionContext(body))
    const back = chatToResponses.convertRequest(chat, createConversionContext(chat)) as any
    const strip = (item: any) => {
      const { id, status, content, ...rest } = item
      return item.type === "reasoning" ? { ...rest, id } : { ...rest, ...(content === undefined ? {} : { content }) }
    }
    const original = body.input.map(strip).map((item: any) => (item.type === "message" ? item : item))
    expect(back.input.map(strip)).toEqual(original.map((item: any) => ({ type: "message", ...item })))
    expect(back.input.find((i: any) => i.type === "reasoning").encrypted_content).toBe("gAAAAABmockEncryptedReasoning==")
    expect(back.tools).toEqual(body.tools.filter((t: any) => t.type === "function"))
    expect(back).toMatchObject({ model: body.model, tool_choice: "auto", parallel_tool_calls: true, store: false, prompt_cache_key: body.prompt_cache_key })
  })

  test("Chat request → Responses → Chat keeps messages, tools and options", async () => {
    const request = await readJson(`${RECORDED_REQUEST}`)
    const responses = chatToResponses.convertRequest(request, createConversionContext(request))
    const back = responsesToChat.convertRequest(responses, createConversionContext(responses)) as any
    expect(back.messages).toEqual(request.messages.map((m: any) => (m.role === "assistant" ? { ...m, content: null } : m)))
    expect(back.tools).toEqual(request.tools)
    expect(back.tool_choice).toBe(request.tool_choice)
    expect(back.max_completion_tokens).toBe(request.max_tokens)
  })

  test("Responses stream → Chat chunks → Responses stream keeps text, calls and encrypted reasoning", async () => {
    const lines = (await readRecorded("vercel-ai.openai-reasoning-encrypted-content.1.chunks.jsonl")).split("\n").filter(Boolean)
    const all = lines.map((line) => JSON.parse(line))
    // The recording holds several turns; the first one (up to its response.completed) is used.
    const events = all.slice(0, all.findIndex((e) => e.type === "response.completed") + 1)
    // Items as output_item.done carried them (this recording's completed event re-encrypts reasoning).
    const original = events.filter((e) => e.type === "response.output_item.done").map((e) => e.item)
    const sse = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("")
    const chat = encodeAll(convertSplit(sse, responsesToChat.convertStream(createConversionContext({ stream_options: { include_usage: true } })), 3))
    const back = payloads(convertSplit(chat, chatToResponses.convertStream(createConversionContext({})), 4))
    const output = back.at(-1).response.output
    const pick = (items: any[]) =>
      items.map((item) =>
        item.type === "reasoning"
          ? { type: item.type, id: item.id, encrypted_content: item.encrypted_content, summary: item.summary.map((s: any) => s.text).join("\n\n") }
          : item.type === "function_call"
            ? { type: item.type, call_id: item.call_id, name: item.name, arguments: item.arguments }
            : { type: item.type, text: item.content.map((p: any) => p.text).join("") },
      )
    expect(pick(output)).toEqual(pick(original))
  })
})

const RECORDED_REQUEST = `${import.meta.dir}/../../fixtures/upstream/recorded/openai-chat-gpt-4o-tool_calls.1.request.json`
