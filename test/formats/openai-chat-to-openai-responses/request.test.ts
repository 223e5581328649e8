import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-chat-to-openai-responses"
import { mapChatFinishReason } from "~/formats/convert/openai-chat-to-openai-responses/map-finish-reason"
import { mapChatToolChoice } from "~/formats/convert/openai-chat-to-openai-responses/map-tool-choice"
import { ConversionError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { RECORDED, readJson } from "../openai-responses-to-openai-chat/harness"

function convert(request: object) {
  const ctx = createConversionContext(request)
  return { out: adapter.convertRequest(request, ctx) as any, warnings: ctx.warnings }
}

describe("Chat → Responses request", () => {
  test("recorded request with history: system, user, assistant tool call, tool result, tools", async () => {
    const request = await readJson(`${RECORDED}/openai-chat-gpt-4o-tool_calls.1.request.json`)
    const { out, warnings } = convert(request)
    expect(out.input).toEqual([
      { type: "message", role: "system", content: [{ type: "input_text", text: "You are a helpful assistant" }] },
      { type: "message", role: "user", content: [{ type: "input_text", text: "What's the weather in Florence,Italy?" }] },
      { type: "function_call", call_id: "call_7kE4IjtnwXcGbX6hDM7xFu8T", name: "weather", arguments: '{"location":"Florence, Italy"}' },
      { type: "function_call_output", call_id: "call_7kE4IjtnwXcGbX6hDM7xFu8T", output: "40 C" },
    ])
    expect(out.max_output_tokens).toBe(4000)
    expect(out.tools[0]).toMatchObject({ type: "function", name: "weather", strict: false, parameters: expect.any(Object) })
    expect(out.tool_choice).toBe("auto")
    expect(out.stream).toBe(true)
    expect(warnings).toEqual([])
  })

  test("options map; lossy ones warn", () => {
    const { out, warnings } = convert({
      model: "m",
      messages: [{ role: "developer", content: [{ type: "text", text: "dev" }] }, { role: "user", content: "hi" }],
      max_completion_tokens: 50,
      max_tokens: 10,
      temperature: 0.5,
      top_p: 0.8,
      reasoning_effort: "low",
      response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" }, strict: true, description: "d" } },
      verbosity: "high",
      stop: ["x"],
      seed: 1,
      logprobs: true,
      top_logprobs: 2,
      logit_bias: { "1": 2 },
      frequency_penalty: 0.5,
      presence_penalty: 0,
      metadata: { k: "v" },
      user: "u",
      prompt_cache_key: "p",
      service_tier: "auto",
      store: false,
      stream_options: { include_usage: true },
      n: 1,
      modalities: ["text"],
    })
    expect(out).toEqual({
      model: "m",
      input: [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "dev" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] },
      ],
      max_output_tokens: 50,
      temperature: 0.5,
      top_p: 0.8,
      reasoning: { effort: "low", summary: "auto" },
      text: { format: { type: "json_schema", name: "s", schema: { type: "object" }, strict: true, description: "d" }, verbosity: "high" },
      metadata: { k: "v" },
      user: "u",
      prompt_cache_key: "p",
      service_tier: "auto",
      store: false,
    })
    expect(warnings.map((w) => w.path)).toEqual(["stop", "seed", "logprobs", "top_logprobs", "logit_bias", "frequency_penalty", "modalities"])
    expect(warnings.every((w) => w.code === "field_dropped")).toBe(true)
  })

  test("n > 1 throws a ConversionError on param n", () => {
    expect(() => convert({ model: "m", messages: [], n: 2 })).toThrow(ConversionError)
    try {
      convert({ model: "m", messages: [], n: 3 })
    } catch (error) {
      expect((error as ConversionError).param).toBe("n")
    }
  })

  test("images (data: and http URLs), files, audio warned, assistant text and refusal", () => {
    const { out, warnings } = convert({
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/png;base64,AAA=" } },
            { type: "image_url", image_url: { url: "https://x.test/i.png", detail: "low" } },
            { type: "file", file: { file_id: "file_1" } },
            { type: "input_audio", input_audio: { data: "x", format: "wav" } },
          ],
        },
        { role: "assistant", content: "sure", refusal: "no" },
      ],
    })
    expect(out.input).toEqual([
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_image", image_url: "data:image/png;base64,AAA=", detail: "auto" },
          { type: "input_image", image_url: "https://x.test/i.png", detail: "low" },
          { type: "input_file", file_id: "file_1" },
        ],
      },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "sure", annotations: [] }, { type: "refusal", refusal: "no" }] },
    ])
    expect(warnings.map((w) => w.path)).toEqual(["messages[0].content[3]"])
  })

  test("long tool-call ids are sanitised deterministically on both the call and its result", () => {
    const longId = "x".repeat(80)
    const { out } = convert({
      model: "m",
      messages: [
        { role: "assistant", content: null, tool_calls: [{ id: longId, type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: longId, content: [{ type: "text", text: "r" }] },
      ],
    })
    expect(out.input[0].call_id.length).toBeLessThanOrEqual(64)
    expect(out.input[1].call_id).toBe(out.input[0].call_id)
    expect(out.input[1].output).toBe("r")
  })

  test("reasoning_content without reasoning_details is warned; non-function tools warned", () => {
    const { warnings } = convert({
      model: "m",
      messages: [{ role: "assistant", content: "a", reasoning_content: "thought" }],
      tools: [{ type: "custom", custom: { name: "c" } }],
      tool_choice: { type: "allowed_tools", allowed_tools: {} },
    })
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["field_dropped", "messages[0].reasoning_content"],
      ["unsupported", "tools[0]"],
      ["unsupported", "tool_choice"],
    ])
  })

  test("reasoning_details of another format (Anthropic thinking) are dropped with a warning, never sent as encrypted_content", () => {
    const { out, warnings } = convert({
      model: "m",
      messages: [
        {
          role: "assistant",
          content: "a",
          reasoning_content: "thought",
          reasoning_details: [
            { type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "thought", signature: "sig" },
            { type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 1, data: "REDACTED" },
            { type: "reasoning.encrypted", id: "rs_1", format: "openai-responses-v1", index: 2, data: "ENC==" },
          ],
        },
      ],
    })
    expect(out.input[0]).toEqual({ type: "reasoning", id: "rs_1", summary: [], encrypted_content: "ENC==" })
    expect(out.input.filter((item: any) => item.type === "reasoning")).toHaveLength(1)
    expect(warnings.map((w) => [w.code, w.path])).toEqual([["unsupported", "messages[0].reasoning_details"]])
  })

  test("tool_choice and finish_reason mappers", () => {
    expect(mapChatToolChoice({ type: "function", function: { name: "f" } })).toEqual({ type: "function", name: "f" })
    for (const choice of ["auto", "none", "required"] as const) expect(mapChatToolChoice(choice)).toBe(choice)
    expect(mapChatFinishReason("stop")).toEqual({ status: "completed", incomplete_details: null })
    expect(mapChatFinishReason("tool_calls")).toEqual({ status: "completed", incomplete_details: null })
    expect(mapChatFinishReason("length")).toEqual({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } })
    expect(mapChatFinishReason("content_filter")).toEqual({ status: "incomplete", incomplete_details: { reason: "content_filter" } })
  })
})
