import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { adapter as a2r } from "~/formats/convert/anthropic-to-openai-responses"
import { adapter as r2a } from "~/formats/convert/openai-responses-to-anthropic"
import { ConversionError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { readJson, REQUESTS } from "../openai-responses-to-anthropic/harness"

const convert = (request: object) => {
  const ctx = createConversionContext()
  return { out: a2r.convertRequest(request, ctx) as any, warnings: ctx.warnings }
}
const base = { model: "claude-sonnet-4-5", max_tokens: 1000 }

describe("Anthropic → Responses request", () => {
  test("Claude Code requests convert with exactly the expected warnings", () => {
    for (const name of ["claude-code-2.1.197-p-hi.json", "claude-code-2.1.197-tool-roundtrip-turn2.json"]) {
      const body = readJson(join(REQUESTS, name)).body
      const { out, warnings } = convert(body)
      expect(warnings).toEqual([
        { code: "value_changed", path: "metadata.user_id", message: "user_id longer than 64 chars sent as its SHA-256 in safety_identifier" },
        { code: "field_dropped", path: "context_management", message: '"context_management" has no Responses equivalent' },
      ])
      expect(out.instructions).not.toContain("x-anthropic-billing-header")
      expect(out.instructions.startsWith("You are a Claude agent")).toBe(true)
      expect(out.reasoning).toEqual({ effort: "high", summary: "auto" })
      expect(out.include).toEqual(["reasoning.encrypted_content"])
      expect(out.max_output_tokens).toBe(64000)
      expect(out.tools).toHaveLength(24)
      expect(out.tools.every((t: any) => t.type === "function" && t.strict === false && t.parameters)).toBe(true)
      expect(out.safety_identifier).toHaveLength(64)
      // the mid-conversation system message stays in place, as a developer message
      expect(out.input[1].role).toBe("developer")
      expect(out.input[1].content[0].text).toStartWith("Available agent types")
    }
  })

  test("regression 11.1.4e: tool history keeps its interleaving and ids", () => {
    const body = readJson(join(REQUESTS, "claude-code-2.1.197-tool-roundtrip-turn2.json")).body
    const { out } = convert(body)
    expect(out.input.map((i: any) => i.type + (i.role ? `:${i.role}` : ""))).toEqual([
      "message:user", "message:developer", "reasoning", "message:assistant", "function_call", "function_call_output",
    ])
    expect(out.input[4]).toEqual({ type: "function_call", call_id: "toolu_01MockBash", name: "Bash", arguments: '{"command":"echo mock-tool-ran","description":"Echo test"}' })
    expect(out.input[5]).toEqual({ type: "function_call_output", call_id: "toolu_01MockBash", output: "mock-tool-ran" })
  })

  test("billing header lines are stripped from string and block system prompts", () => {
    expect(convert({ ...base, messages: [], system: "X-Anthropic-Billing-Header: cc=1;\nBe brief." }).out.instructions).toBe("Be brief.")
    expect(convert({ ...base, messages: [], system: [{ type: "text", text: "x-anthropic-billing-header: a" }, { type: "text", text: "A" }, { type: "text", text: "B" }] }).out.instructions).toBe("A\n\nB")
    expect(convert({ ...base, messages: [], system: [{ type: "text", text: "x-anthropic-billing-header: a" }] }).out.instructions).toBeUndefined()
  })

  test("images, documents and tool_result blocks", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA" } },
            { type: "image", source: { type: "url", url: "https://x/y.png" } },
            { type: "document", title: "a.pdf", source: { type: "base64", media_type: "application/pdf", data: "PDF" } },
            { type: "image", source: { type: "file", file_id: "file_1" } },
          ],
        },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "shot", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", is_error: true, content: [{ type: "text", text: "x" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "B" } }] }] },
      ],
    })
    expect(out.input[0].content).toEqual([
      { type: "input_text", text: "look" },
      { type: "input_image", image_url: "data:image/png;base64,AAA", detail: "auto" },
      { type: "input_image", image_url: "https://x/y.png", detail: "auto" },
      { type: "input_file", filename: "a.pdf", file_data: "data:application/pdf;base64,PDF" },
    ])
    expect(out.input[2].output).toEqual([{ type: "input_text", text: "x" }, { type: "input_image", image_url: "data:image/png;base64,B", detail: "auto" }])
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["unsupported messages[0].content[4]", "field_dropped messages[2].content[0].is_error"])
  })

  test("tools: server tools dropped with a warning, tool_choice and parallel calls", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [{ role: "user", content: "hi" }],
      tools: [{ name: "f", input_schema: { type: "object" }, strict: true }, { type: "web_search_20250305", name: "web_search" }],
      tool_choice: { type: "tool", name: "f", disable_parallel_tool_use: true },
    })
    expect(out.tools).toEqual([{ type: "function", name: "f", parameters: { type: "object" }, strict: true }])
    expect(out.tool_choice).toEqual({ type: "function", name: "f" })
    expect(out.parallel_tool_calls).toBe(false)
    expect(warnings.map((w) => w.path)).toEqual(["tools[1]"])
    const tools = [{ name: "f", input_schema: { type: "object" } }]
    const choices = ["auto", "any", "none"].map((type) => convert({ ...base, messages: [], tools, tool_choice: { type } }).out.tool_choice)
    expect(choices).toEqual(["auto", "required", "none"])
  })

  test("tool_choice is omitted, with a warning, when every tool was a dropped server tool", () => {
    const tools = [{ type: "web_search_20250305", name: "web_search" }]
    const { out, warnings } = convert({ ...base, messages: [], tools, tool_choice: { type: "any", disable_parallel_tool_use: true } })
    expect(out.tools).toBeUndefined()
    expect(out.tool_choice).toBeUndefined()
    expect(out.parallel_tool_calls).toBeUndefined()
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["unsupported tools[0]", "field_dropped tool_choice"])
    expect(convert({ ...base, messages: [], tool_choice: { type: "tool", name: "f" } }).out.tool_choice).toBeUndefined()
    expect(convert({ ...base, messages: [], tools, tool_choice: { type: "none" } }).out.tool_choice).toBe("none")
  })

  test("thinking budget → effort via the shared table; stop_sequences and top_k warn", () => {
    const { out, warnings } = convert({ ...base, messages: [], thinking: { type: "enabled", budget_tokens: 4096 }, stop_sequences: ["END"], top_k: 5, temperature: 0.5, top_p: 0.9 })
    expect(out.reasoning).toEqual({ effort: "low", summary: "auto" })
    expect(out.temperature).toBe(0.5)
    expect(out.top_p).toBe(0.9)
    expect(warnings.map((w) => w.path)).toEqual(["stop_sequences", "top_k"])
  })

  test("structured output → text.format json_schema", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false }
    const { out } = convert({ ...base, messages: [], output_config: { format: { type: "json_schema", schema } } })
    expect(out.text).toEqual({ format: { type: "json_schema", name: "response", schema, strict: true } })
  })

  test("long tool ids are hashed deterministically and stay paired", () => {
    const id = `toolu_${"x".repeat(80)}`
    const request = { ...base, messages: [{ role: "assistant", content: [{ type: "tool_use", id, name: "f", input: {} }] }, { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: "ok" }] }] }
    const first = convert(request).out
    expect(first.input[0].call_id.length).toBeLessThanOrEqual(64)
    expect(first.input[1].call_id).toBe(first.input[0].call_id)
    expect(convert(request).out.input[0].call_id).toBe(first.input[0].call_id)
  })

  test("a request without messages cannot be honoured", () => {
    expect(() => convert({ model: "m" })).toThrow(ConversionError)
  })
})

describe("round trip Anthropic → Responses → Anthropic", () => {
  test("thinking signatures, redacted_thinking, tool calls and text survive byte-exact", () => {
    const messages = [
      { role: "user", content: [{ type: "text", text: "hi" }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "let me think", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds" },
          { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP" },
          { type: "text", text: "Running." },
          { type: "tool_use", id: "toolu_01A", name: "Bash", input: { command: "ls" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01A", content: "file.txt" }, { type: "text", text: "thanks" }] },
    ]
    const responses = convert({ ...base, max_tokens: 20000, messages, thinking: { type: "enabled", budget_tokens: 10240 } }).out
    const ctx = createConversionContext()
    const back = r2a.convertRequest(responses, ctx) as any
    expect(back.messages).toEqual(messages)
    expect(back.thinking).toEqual({ type: "enabled", budget_tokens: 10240 })
    expect(ctx.warnings).toEqual([])
  })
})
