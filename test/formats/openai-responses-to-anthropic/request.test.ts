import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { adapter as a2r } from "~/formats/convert/anthropic-to-openai-responses"
import { adapter as r2a } from "~/formats/convert/openai-responses-to-anthropic"
import { ConversionError } from "~/formats/errors"
import { REASONING_BUDGET_TABLE } from "~/formats/shared/reasoning-budget"
import { createConversionContext, type ConversionWarning } from "~/formats/types"
import { readJson, REQUESTS } from "./harness"

const convert = (request: object) => {
  const ctx = createConversionContext()
  return { out: r2a.convertRequest(request, ctx) as any, warnings: ctx.warnings }
}
const CODEX_WARNINGS: ConversionWarning[] = [
  { code: "value_changed", path: "max_output_tokens", message: "Anthropic requires max_tokens; defaulted to 32000" },
  { code: "unsupported", path: "tools[4]", message: 'Responses "namespace" tool "multi_agent_v1" has no Anthropic equivalent; dropped' },
  { code: "unsupported", path: "tools[8]", message: 'Responses "web_search" tool has no Anthropic equivalent; dropped' },
  { code: "field_dropped", path: "client_metadata", message: '"client_metadata" has no Anthropic equivalent' },
]

describe("Responses → Anthropic request", () => {
  test("Codex CLI requests convert with exactly the expected warnings", () => {
    for (const name of ["codex-0.171.0-exec-hi.json", "codex-0.171.0-tool-roundtrip-turn2.json"]) {
      const { out, warnings } = convert(readJson(join(REQUESTS, name)).body)
      expect(warnings).toEqual(CODEX_WARNINGS)
      expect(out.system).toHaveLength(3)
      expect(out.system[0].text).toStartWith("You are a coding agent running in the Codex CLI")
      expect(out.max_tokens).toBe(32000)
      expect(out.thinking).toEqual({ type: "enabled", budget_tokens: REASONING_BUDGET_TABLE.medium })
      expect(out.tool_choice).toEqual({ type: "auto" })
      expect(out.tools.map((t: any) => t.name)).toEqual(["exec_command", "write_stdin", "request_user_input", "view_image", "get_goal", "create_goal", "update_goal"])
      expect(out.stream).toBe(true)
    }
  })

  test("regression 11.2.8: function_call, function_call_output and reasoning items are kept, in order", () => {
    const body = readJson(join(REQUESTS, "codex-0.171.0-tool-roundtrip-turn2.json")).body
    const { out } = convert(body)
    expect(out.messages.map((m: any) => `${m.role}:${m.content.map((b: any) => b.type).join(",")}`)).toEqual([
      "user:text,text",
      "assistant:thinking,tool_use",
      "user:tool_result",
    ])
    expect(out.messages[1].content[1]).toEqual({ type: "tool_use", id: "call_mock123", name: "exec_command", input: { cmd: "echo mock-tool-ran" } })
    expect(out.messages[2].content[0].tool_use_id).toBe("call_mock123")
  })

  test("regression 11.2.10: system/developer items with list content are not dropped; mid-conversation ones warn", () => {
    const { out, warnings } = convert({
      model: "m",
      max_output_tokens: 1000,
      instructions: "Be terse.",
      input: [
        { role: "system", content: [{ type: "input_text", text: "Sys list" }] },
        { type: "message", role: "user", content: "hi" },
        { type: "message", role: "developer", content: "Later rule" },
      ],
    })
    expect(out.system).toEqual([{ type: "text", text: "Be terse." }, { type: "text", text: "Sys list" }, { type: "text", text: "Later rule" }])
    expect(out.messages).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }])
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["value_changed input[2]"])
  })

  test("Codex reasoning items come back byte-exact after Responses → Anthropic → Responses", () => {
    const body = readJson(join(REQUESTS, "codex-0.171.0-tool-roundtrip-turn2.json")).body
    const anthropic = convert(body).out
    const back = a2r.convertRequest(anthropic, createConversionContext()) as any
    const reasoning = back.input.find((item: any) => item.type === "reasoning")
    expect(reasoning).toEqual(body.input.find((item: any) => item.type === "reasoning"))
    expect(back.input.filter((i: any) => i.type !== "message")).toEqual([
      reasoning,
      { type: "function_call", call_id: "call_mock123", name: "exec_command", arguments: '{"cmd":"echo mock-tool-ran"}' },
      { type: "function_call_output", call_id: "call_mock123", output: body.input[6].output },
    ])
  })

  test("images and files become Anthropic image / document blocks", () => {
    const { out } = convert({
      model: "m",
      input: [
        {
          role: "user",
          content: [
            { type: "input_image", image_url: "data:image/jpeg;base64,QUJD" },
            { type: "input_image", image_url: "https://x/y.png" },
            { type: "input_file", filename: "a.pdf", file_data: "data:application/pdf;base64,UERG" },
            { type: "input_image", file_id: "file_1" },
          ],
        },
      ],
    })
    expect(out.messages[0].content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "QUJD" } },
      { type: "image", source: { type: "url", url: "https://x/y.png" } },
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "UERG" }, title: "a.pdf" },
    ])
  })

  test("tool_choice, parallel_tool_calls, sampling and text.format", () => {
    const tools = [{ type: "function", name: "f", parameters: { type: "object" }, strict: true }]
    const choice = (tool_choice: unknown) => convert({ model: "m", input: "x", tools, tool_choice }).out.tool_choice
    expect([choice("auto"), choice("required"), choice("none"), choice({ type: "function", name: "f" })]).toEqual([
      { type: "auto" }, { type: "any" }, { type: "none" }, { type: "tool", name: "f" },
    ])
    const { out, warnings } = convert({
      model: "m", input: "x", tools, parallel_tool_calls: false, temperature: 1.5, top_p: 0.5, max_output_tokens: 500,
      text: { format: { type: "json_schema", name: "r", schema: { type: "object" }, strict: true } },
    })
    expect(out.tools).toEqual([{ name: "f", input_schema: { type: "object" }, strict: true }])
    expect(out.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true })
    expect(out.temperature).toBe(1)
    expect(out.top_p).toBeUndefined()
    expect(out.max_tokens).toBe(500)
    expect(out.output_config).toEqual({ format: { type: "json_schema", schema: { type: "object" } } })
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["value_clamped temperature", "field_dropped top_p"])
  })

  test("strict: a missing or null strict (true in Responses) is sent as strict:true; false is left out", () => {
    const tool = (strict?: boolean | null) => ({ type: "function", name: "f", parameters: { type: "object" }, ...(strict === undefined ? {} : { strict }) })
    const { out } = convert({ model: "m", input: "x", tools: [tool(), tool(null), tool(true), tool(false)] })
    expect(out.tools.map((t: any) => t.strict)).toEqual([true, true, true, undefined])
  })

  test("parallel_tool_calls:false never puts disable_parallel_tool_use on a none choice", () => {
    const tools = [{ type: "function", name: "f", parameters: { type: "object" } }]
    const choice = (tool_choice?: unknown) => convert({ model: "m", input: "x", tools, tool_choice, parallel_tool_calls: false }).out.tool_choice
    expect(choice("none")).toEqual({ type: "none" })
    expect(choice("required")).toEqual({ type: "any", disable_parallel_tool_use: true })
    expect(choice({ type: "function", name: "f" })).toEqual({ type: "tool", name: "f", disable_parallel_tool_use: true })
    expect(choice()).toEqual({ type: "auto", disable_parallel_tool_use: true })
  })

  test("reasoning effort → thinking budget; none → no thinking; budget kept below max_tokens", () => {
    expect(convert({ model: "m", input: "x", reasoning: { effort: "high" }, max_output_tokens: 64000 }).out.thinking).toEqual({ type: "enabled", budget_tokens: REASONING_BUDGET_TABLE.high })
    expect(convert({ model: "m", input: "x", reasoning: { effort: "none" } }).out.thinking).toBeUndefined()
    const { out, warnings } = convert({ model: "m", input: "x", reasoning: { effort: "high" }, max_output_tokens: 8000 })
    expect(out.thinking).toEqual({ type: "enabled", budget_tokens: 4000 })
    expect(warnings[0]!.code).toBe("value_clamped")
  })

  test("orphan function_call_output (no call in the preceding assistant turn) becomes text, as in Chat → Anthropic", () => {
    const { out, warnings } = convert({
      model: "m",
      max_output_tokens: 1000,
      input: [
        { type: "message", role: "user", content: "start" },
        { type: "function_call", call_id: "call_1", name: "f", arguments: "{}" },
        { type: "function_call_output", call_id: "call_lost", output: "stale" },
        { type: "function_call_output", call_id: "call_1", output: "fresh" },
      ],
    })
    expect(out.messages.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "call_1", content: "fresh" },
        { type: "text", text: "[tool_result for call_lost]\nstale" },
      ],
    })
    expect(warnings).toEqual([{ code: "value_changed", path: "input[2]", message: 'tool result for unknown tool call "call_lost" sent as text' }])
  })

  test("max_tokens defaults to 32000 with a warning, as in Chat → Anthropic", () => {
    const defaulted = convert({ model: "m", input: "x" })
    expect(defaulted.out.max_tokens).toBe(32000)
    expect(defaulted.warnings).toEqual([{ code: "value_changed", path: "max_output_tokens", message: "Anthropic requires max_tokens; defaulted to 32000" }])
    const given = convert({ model: "m", input: "x", max_output_tokens: 77 })
    expect(given.out.max_tokens).toBe(77)
    expect(given.warnings).toEqual([])
  })

  test("previous_response_id cannot be honoured statelessly", () => {
    expect(() => convert({ model: "m", input: "x", previous_response_id: "resp_1" })).toThrow(ConversionError)
  })
})
