import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-chat-to-anthropic"
import { ConversionError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"

function convert(request: object) {
  const ctx = createConversionContext(request)
  const out = adapter.convertRequest(request, ctx) as any
  return { out, warnings: ctx.warnings }
}

const base = { model: "gpt-4o", max_completion_tokens: 500 }

describe("Chat → Anthropic request", () => {
  test("system and developer messages become system blocks; a mid-conversation one moves up with a warning", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use tools." }] },
        { role: "user", content: "hi" },
        { role: "system", content: "Late rule." },
        { role: "assistant", content: "ok" },
      ],
    })
    expect(out.system).toEqual([
      { type: "text", text: "Be brief." },
      { type: "text", text: "Use tools." },
      { type: "text", text: "Late rule." },
    ])
    expect(out.messages).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "ok" },
    ])
    expect(warnings).toEqual([{ code: "value_changed", path: "messages[3]", message: expect.stringContaining("system") }])
  })

  test("images (data URL and http), PDFs and text files; audio dropped with a warning", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "see" },
            { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/" } },
            { type: "image_url", image_url: { url: "https://x/a.png", detail: "high" } },
            { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBE" } },
            { type: "file", file: { filename: "n.txt", file_data: `data:text/plain;base64,${btoa("notes")}` } },
            { type: "input_audio", input_audio: { data: "AA", format: "wav" } },
          ],
        },
      ],
    })
    expect(out.messages[0].content).toEqual([
      { type: "text", text: "see" },
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } },
      { type: "image", source: { type: "url", url: "https://x/a.png" } },
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBE" }, title: "a.pdf" },
      { type: "document", source: { type: "text", media_type: "text/plain", data: "notes" }, title: "n.txt" },
    ])
    expect(warnings.map((w) => w.path)).toEqual(["messages[0].content[5]"])
  })

  test("tool calls and results: consecutive tool messages merge into one user turn, tool_result first", () => {
    const { out } = convert({
      ...base,
      messages: [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "a", arguments: '{"x":1}' } },
            { id: "call_2", type: "function", function: { name: "b", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "one" },
        { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "[tool_error] two" }] },
        { role: "user", content: "next?" },
      ],
    })
    expect(out.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_1", name: "a", input: { x: 1 } },
          { type: "tool_use", id: "call_2", name: "b", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: "one" },
          { type: "tool_result", tool_use_id: "call_2", content: "two", is_error: true },
          { type: "text", text: "next?" },
        ],
      },
    ])
  })

  test("tool call ids outside ^[a-zA-Z0-9_-]+$ are rewritten the same way on call and result", () => {
    const { out } = convert({
      ...base,
      messages: [
        { role: "assistant", tool_calls: [{ id: "functions.get:0", type: "function", function: { name: "get", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "functions.get:0", content: "r" },
      ],
    })
    const id = out.messages[0].content[0].id
    expect(id).toMatch(/^[a-zA-Z0-9_-]+$/)
    expect(id.startsWith("functions_get_0_")).toBe(true)
    expect(out.messages[1].content[0].tool_use_id).toBe(id)
  })

  test("orphan tool results become text after the matched ones (facts 11.1.13)", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        { role: "user", content: "start" },
        { role: "assistant", content: "sure" },
        { role: "tool", tool_call_id: "call_lost", content: "stale" },
      ],
    })
    expect(out.messages.at(-1)).toEqual({ role: "user", content: [{ type: "text", text: "[tool_result for call_lost]\nstale" }] })
    expect(warnings.map((w) => w.code)).toEqual(["value_changed"])
  })

  test("assistant reasoning_details in Anthropic format replay byte-exact; unsigned reasoning is dropped with a warning", () => {
    const details = [
      { type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "plan", signature: "Eq+/==" },
      { type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 1, data: "RED" },
    ]
    const { out } = convert({ ...base, messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", reasoning_content: "plan", reasoning_details: details }] })
    expect(out.messages[1].content).toEqual([
      { type: "thinking", thinking: "plan", signature: "Eq+/==" },
      { type: "redacted_thinking", data: "RED" },
      { type: "text", text: "a" },
    ])
    const unsigned = convert({ ...base, messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", reasoning_content: "hmm" }] })
    expect(unsigned.out.messages[1].content).toBe("a")
    expect(unsigned.warnings.map((w) => w.path)).toEqual(["messages[1].reasoning_content"])
  })

  test("tools, strict, tool_choice and parallel_tool_calls", () => {
    const tools = [{ type: "function", function: { name: "get", description: "d", parameters: { type: "object" }, strict: true } }]
    const messages = [{ role: "user", content: "x" }]
    const { out } = convert({ ...base, messages, tools, tool_choice: "required", parallel_tool_calls: false })
    expect(out.tools).toEqual([{ name: "get", description: "d", input_schema: { type: "object" }, strict: true }])
    expect(out.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true })
    expect(convert({ ...base, messages, tools, tool_choice: { type: "function", function: { name: "get" } } }).out.tool_choice).toEqual({ type: "tool", name: "get" })
    expect(convert({ ...base, messages, tools, tool_choice: "none" }).out.tool_choice).toEqual({ type: "none" })
    expect(convert({ ...base, messages, tools, parallel_tool_calls: false }).out.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true })
    expect(convert({ ...base, messages, tool_choice: "auto" }).out.tool_choice).toBeUndefined()
  })

  test("max_tokens defaults to 32000 with a warning, as in Responses → Anthropic; deprecated max_tokens is read", () => {
    const messages = [{ role: "user", content: "x" }]
    const defaulted = convert({ model: "m", messages })
    expect(defaulted.out.max_tokens).toBe(32000)
    expect(defaulted.warnings).toEqual([{ code: "value_changed", path: "max_tokens", message: "Anthropic requires max_tokens; defaulted to 32000" }])
    expect(convert({ model: "m", messages, max_tokens: 77 }).out.max_tokens).toBe(77)
  })

  test("reasoning_effort → thinking budget; temperature forced to 1; budget fitted under max tokens", () => {
    const messages = [{ role: "user", content: "x" }]
    const medium = convert({ ...base, max_completion_tokens: 20000, messages, reasoning_effort: "medium", temperature: 0.2 })
    expect(medium.out.thinking).toEqual({ type: "enabled", budget_tokens: 10240 })
    expect(medium.out.temperature).toBe(1)
    expect(medium.warnings.map((w) => [w.code, w.path])).toEqual([["value_clamped", "temperature"]])
    const tight = convert({ ...base, max_completion_tokens: 3000, messages, reasoning_effort: "high" })
    expect(tight.out.thinking).toEqual({ type: "enabled", budget_tokens: 2999 })
    expect(tight.warnings.map((w) => w.code)).toEqual(["value_clamped"])
    const none = convert({ ...base, messages, reasoning_effort: "none" })
    expect(none.out.thinking).toBeUndefined()
    const defaulted = convert({ model: "m", messages, reasoning_effort: "low" })
    expect(defaulted.out).toMatchObject({ max_tokens: 32000, thinking: { type: "enabled", budget_tokens: 4096 } })
    const xhigh = convert({ model: "m", messages, reasoning_effort: "xhigh" })
    expect(xhigh.out).toMatchObject({ max_tokens: 32000, thinking: { type: "enabled", budget_tokens: 24576 } })
  })

  test("temperature with top_p keeps temperature; temperature above 1 is clamped", () => {
    const messages = [{ role: "user", content: "x" }]
    const both = convert({ ...base, messages, temperature: 1.5, top_p: 0.5 })
    expect(both.out.temperature).toBe(1)
    expect(both.out.top_p).toBeUndefined()
    expect(both.warnings.map((w) => w.path)).toEqual(["top_p", "temperature"])
  })

  test("stop, user, stream, response_format json_schema and json_object", () => {
    const messages = [{ role: "system", content: "S" }, { role: "user", content: "x" }]
    const { out, warnings } = convert({
      ...base,
      messages,
      stop: "END",
      user: "u1",
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: "json_schema", json_schema: { name: "r", schema: { type: "object" }, strict: true } },
    })
    expect(out).toMatchObject({ stop_sequences: ["END"], metadata: { user_id: "u1" }, stream: true, output_config: { format: { type: "json_schema", schema: { type: "object" } } } })
    expect(warnings).toEqual([])
    const jsonObject = convert({ ...base, messages, response_format: { type: "json_object" } })
    expect(jsonObject.out.system.at(-1).text).toContain("JSON")
    expect(jsonObject.warnings.map((w) => w.path)).toEqual(["response_format"])
  })

  test("n > 1 is refused; unsupported knobs are warned about, neutral defaults are not", () => {
    const messages = [{ role: "user", content: "x" }]
    expect(() => convert({ ...base, messages, n: 2 })).toThrow(ConversionError)
    try {
      convert({ ...base, messages, n: 3 })
    } catch (error) {
      expect((error as ConversionError).param).toBe("n")
    }
    const { warnings } = convert({ ...base, messages, n: 1, logprobs: true, seed: 4, presence_penalty: 0, frequency_penalty: 0.5, store: false, logit_bias: { "1": 2 } })
    expect(warnings.map((w) => w.path)).toEqual(["logprobs", "seed", "frequency_penalty", "logit_bias"])
  })
})
