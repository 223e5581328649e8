import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter } from "~/formats/convert/openai-responses-to-openai-chat"
import { parseSse } from "~/formats/sse/parse"
import { createConversionContext } from "~/formats/types"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { convertSplit, encodeAll, readRecorded } from "./harness"

const request = {
  model: "gpt-5",
  messages: [{ role: "user" as const, content: "hi" }],
  stream_options: { include_usage: true },
}

/** Serves `body` (SSE text or a JSON value) to the official SDK and returns a client for it. */
function serve(body: string | object) {
  const server = startFakeServer(() =>
    typeof body === "string" ? sseResponse([body]) : Response.json(body),
  )
  const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 })
  return { server, client }
}

function completedResponse(text: string): any {
  const completed = parseSse(text).find((event) => event.data.includes('"type":"response.completed"'))!
  return JSON.parse(completed.data).response
}

describe("Responses → Chat: the official OpenAI SDK consumes the output", () => {
  test("stream: text, reasoning details, usage and finish_reason", async () => {
    const upstream = await readRecorded("ccproxy-api.codex_responses_thinking_stream.response.sse")
    const converted = encodeAll(convertSplit(upstream, adapter.convertStream(createConversionContext(request)), 5))
    const { server, client } = serve(converted)
    await using _ = server
    let reasoning = ""
    const stream = client.chat.completions.stream(request)
    stream.on("chunk", (chunk) => (reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string })?.reasoning_content ?? ""))
    const final = await stream.finalChatCompletion()
    const choice = final.choices[0]!
    expect(choice.message.content).toContain("Answer: 120")
    expect(choice.finish_reason).toBe("stop")
    expect(reasoning).toStartWith("**Calculating factorials**")
    // The SDK keeps the last value of non-standard fields; reasoning_details comes once per item.
    expect((choice.message as any).reasoning_details).toHaveLength(2)
    expect(final.usage).toMatchObject({ prompt_tokens: 2259, completion_tokens: 395, prompt_tokens_details: { cached_tokens: 2176 } })
  })

  test("stream: parallel tool calls with arguments", async () => {
    const upstream = await readRecorded("ccproxy-api.codex_responses_tools_stream.response.sse")
    const converted = encodeAll(convertSplit(upstream, adapter.convertStream(createConversionContext(request)), 9))
    const { server, client } = serve(converted)
    await using _ = server
    const final = await client.chat.completions.stream(request).finalChatCompletion()
    const choice = final.choices[0]!
    expect(choice.finish_reason).toBe("tool_calls")
    const calls = choice.message.tool_calls!.map((call: any) => ({ id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) }))
    const expected = completedResponse(upstream).output.filter((item: any) => item.type === "function_call")
    expect(calls).toEqual(expected.map((item: any) => ({ id: item.call_id, name: item.name, args: JSON.parse(item.arguments) })))
    expect(final.usage?.total_tokens).toBeGreaterThan(0)
  })

  test("stream: a recorded stream cut down to created → completed still gives the full answer", async () => {
    const recorded = parseSse(await readRecorded("ccproxy-api.codex_responses_tools_stream.response.sse"))
    const kept = recorded.filter((event) => /"type":"response\.(created|completed)"/.test(event.data))
    expect(kept).toHaveLength(2)
    const upstream = kept.map((event) => `event: ${event.event}\ndata: ${event.data}\n\n`).join("")
    const converted = encodeAll(convertSplit(upstream, adapter.convertStream(createConversionContext(request)), 3))
    const { server, client } = serve(converted)
    await using _ = server
    const final = await client.chat.completions.stream(request).finalChatCompletion()
    const expected = completedResponse(upstream).output.filter((item: any) => item.type === "function_call")
    expect(expected.length).toBeGreaterThan(0)
    expect(final.choices[0]!.finish_reason).toBe("tool_calls")
    expect(final.choices[0]!.message.tool_calls!.map((call: any) => [call.id, call.function.name, call.function.arguments])).toEqual(
      expected.map((item: any) => [item.call_id, item.name, item.arguments]),
    )
  })

  test("stream: an upstream failure makes the SDK throw", async () => {
    const upstream = 'event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1","output":[]}}\n\n'
    const converted = encodeAll(convertSplit(upstream, adapter.convertStream(createConversionContext(request)), 1))
    const { server, client } = serve(converted)
    await using _ = server
    await expect(client.chat.completions.stream(request).finalChatCompletion()).rejects.toThrow("ended before response.completed")
  })

  test("non-stream create: content, reasoning, tool calls by call_id, usage", async () => {
    const upstream = await readRecorded("openai-responses-gpt-5-reasoning-function_call.0.response.sse")
    const body = adapter.convertResponse(completedResponse(upstream), createConversionContext(request))
    const { server, client } = serve(body as object)
    await using _ = server
    const completion = await client.chat.completions.create({ model: "gpt-5", messages: request.messages })
    const choice = completion.choices[0]!
    expect(choice.finish_reason).toBe("tool_calls")
    expect(choice.message.tool_calls).toEqual([
      { id: "call_nYgMM3oZuxort2H8Ky4uP5RE", type: "function", function: { name: "weather", arguments: '{"location":"Florence, Italy"}' } },
    ])
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThanOrEqual(0)
  })
})
