import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-responses-to-openai-chat"
import { mapResponsesToolChoice } from "~/formats/convert/openai-responses-to-openai-chat/map-tool-choice"
import { createConversionContext, type ConversionWarning } from "~/formats/types"
import { REQUESTS, readJson } from "./harness"

function convert(request: object) {
  const ctx = createConversionContext(request)
  return { chat: adapter.convertRequest(request, ctx) as any, warnings: ctx.warnings }
}

const CODEX_WARNINGS: ConversionWarning[] = [
  { code: "unsupported", path: "tools[4]", message: 'Responses tool type "namespace" has no Chat Completions equivalent and was dropped' },
  { code: "unsupported", path: "tools[8]", message: 'Responses tool type "web_search" has no Chat Completions equivalent and was dropped' },
  { code: "field_dropped", path: "reasoning.summary", message: "Chat Completions cannot request reasoning summaries" },
  { code: "field_dropped", path: "include[0]", message: 'include "reasoning.encrypted_content" has no Chat Completions equivalent' },
  { code: "field_dropped", path: "client_metadata", message: '"client_metadata" has no Chat Completions equivalent and was dropped' },
]

describe("Responses → Chat request: Codex CLI requests", () => {
  for (const name of ["codex-0.171.0-exec-hi.json", "codex-0.171.0-tool-roundtrip-turn2.json"]) {
    test(`${name} converts with exactly the expected warnings`, async () => {
      const { body } = await readJson(`${REQUESTS}/${name}`)
      const { chat, warnings } = convert(body)
      expect(warnings).toEqual(CODEX_WARNINGS)
      expect(chat.messages.slice(0, 2).map((m: any) => m.role)).toEqual(["developer", "developer"])
      expect(chat.tools).toHaveLength(7)
      expect(chat.tools[0]).toMatchObject({ type: "function", function: { name: "exec_command", strict: false } })
      expect(chat).toMatchObject({ model: "gpt-5-codex", stream: true, stream_options: { include_usage: true }, tool_choice: "auto", parallel_tool_calls: true, store: false })
    })
  }

  test("turn 2: reasoning + function_call merge into one assistant message; encrypted_content kept; call_id links the tool result", async () => {
    const { body } = await readJson(`${REQUESTS}/codex-0.171.0-tool-roundtrip-turn2.json`)
    const { chat } = convert(body)
    expect(chat.messages.slice(4)).toEqual([
      {
        role: "assistant",
        content: null,
        reasoning_content: "**Planning** I need to call get_weather.",
        reasoning_details: [
          { type: "reasoning.summary", id: "rs_tmxlyt28fl", format: "openai-responses-v1", index: 0, summary: "**Planning** I need to call get_weather." },
          { type: "reasoning.encrypted", id: "rs_tmxlyt28fl", format: "openai-responses-v1", index: 0, data: "gAAAAABmockEncryptedReasoning==" },
        ],
        tool_calls: [{ id: "call_mock123", type: "function", function: { name: "exec_command", arguments: '{"cmd":"echo mock-tool-ran"}' } }],
      },
      { role: "tool", tool_call_id: "call_mock123", content: expect.stringContaining("mock-tool-ran") },
    ])
  })
})

describe("Responses → Chat request: mappings", () => {
  test("instructions, string input, options", () => {
    const { chat, warnings } = convert({
      model: "m",
      instructions: "be brief",
      input: "hello",
      max_output_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: "high" },
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true, description: "d" }, verbosity: "low" },
      metadata: { a: "b" },
      user: "u",
      service_tier: "flex",
      prompt_cache_key: "k",
      previous_response_id: "resp_0",
    })
    expect(chat).toEqual({
      model: "m",
      messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hello" }],
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning_effort: "high",
      response_format: { type: "json_schema", json_schema: { name: "out", schema: { type: "object" }, strict: true, description: "d" } },
      verbosity: "low",
      metadata: { a: "b" },
      user: "u",
      service_tier: "flex",
      prompt_cache_key: "k",
    })
    expect(warnings.map((w) => w.path)).toEqual(["previous_response_id"])
  })

  test("content parts: text, images (data and http URLs), files; unsupported parts warned", () => {
    const { chat, warnings } = convert({
      model: "m",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "look" },
            { type: "input_image", image_url: "data:image/png;base64,AAA=", detail: "high" },
            { type: "input_image", image_url: "https://x.test/a.png" },
            { type: "input_file", file_data: "data:application/pdf;base64,BBB=", filename: "a.pdf" },
            { type: "input_file", file_url: "https://x.test/a.pdf" },
            { type: "input_image", file_id: "file_1" },
          ],
        },
        { role: "system", content: [{ type: "input_text", text: "sys" }] },
      ],
    })
    expect(chat.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "look" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAA=", detail: "high" } },
          { type: "image_url", image_url: { url: "https://x.test/a.png" } },
          { type: "file", file: { file_data: "data:application/pdf;base64,BBB=", filename: "a.pdf" } },
        ],
      },
      { role: "system", content: "sys" },
    ])
    expect(warnings.map((w) => w.path)).toEqual(["input[0].content[4]", "input[0].content[5]"])
  })

  test("history interleaving: text, then calls, then outputs, then a new assistant turn", () => {
    const { chat } = convert({
      model: "m",
      input: [
        { role: "user", content: "q" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "let me check" }] },
        { type: "function_call", call_id: "c1", name: "a", arguments: "{}" },
        { type: "function_call", call_id: "c2", name: "b", arguments: '{"x":1}' },
        { type: "function_call_output", call_id: "c1", output: "r1" },
        { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "r2" }] },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "done" }] },
        { type: "item_reference", id: "x" },
      ],
    })
    expect(chat.messages).toEqual([
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: "let me check",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "a", arguments: "{}" } },
          { id: "c2", type: "function", function: { name: "b", arguments: '{"x":1}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "r1" },
      { role: "tool", tool_call_id: "c2", content: "r2" },
      { role: "assistant", content: "done" },
    ])
  })

  test("tools flat → nested; tool_choice flat → nested", () => {
    const { chat } = convert({
      model: "m",
      input: "x",
      tools: [{ type: "function", name: "f", description: "d", parameters: { type: "object" }, strict: true }],
      tool_choice: { type: "function", name: "f" },
    })
    expect(chat.tools).toEqual([{ type: "function", function: { name: "f", description: "d", parameters: { type: "object" }, strict: true } }])
    expect(chat.tool_choice).toEqual({ type: "function", function: { name: "f" } })
    for (const choice of ["auto", "none", "required"] as const) expect(mapResponsesToolChoice(choice)).toBe(choice)
    expect(mapResponsesToolChoice({ type: "web_search" })).toBeUndefined()
  })

  test("strict is always explicit: a missing or null strict (true in Responses) stays strict in Chat", () => {
    const tool = (strict?: boolean | null) => ({ type: "function", name: "f", parameters: { type: "object" }, ...(strict === undefined ? {} : { strict }) })
    const { chat } = convert({ model: "m", input: "x", tools: [tool(), tool(null), tool(true), tool(false)] })
    expect(chat.tools.map((t: any) => t.function.strict)).toEqual([true, true, true, false])
  })
})
