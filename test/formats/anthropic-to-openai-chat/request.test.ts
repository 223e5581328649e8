import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { adapter } from "~/formats/convert/anthropic-to-openai-chat"
import { createConversionContext } from "~/formats/types"
import { readJson, REQUESTS } from "./stream-harness"

function convert(request: object) {
  const ctx = createConversionContext(request)
  const out = adapter.convertRequest(request, ctx) as any
  return { out, warnings: ctx.warnings }
}

const base = { model: "claude-x", max_tokens: 1000 }

describe("Anthropic → Chat request", () => {
  test("system blocks lose billing-header lines and become one leading system message", () => {
    const { out } = convert({
      ...base,
      system: [
        { type: "text", text: "x-anthropic-billing-header: cc_version=2.1; cch=abc;" },
        { type: "text", text: "You are helpful.\n  X-Anthropic-Billing-Header: again\nBe brief." },
      ],
      messages: [{ role: "user", content: "hi" }],
    })
    expect(out.messages).toEqual([
      { role: "system", content: "You are helpful.\nBe brief." },
      { role: "user", content: "hi" },
    ])
  })

  test("a mid-conversation system message stays a system message at its position", () => {
    const { out } = convert({
      ...base,
      messages: [
        { role: "user", content: "a" },
        { role: "system", content: "Agents available: x" },
        { role: "assistant", content: "b" },
      ],
    })
    expect(out.messages.map((m: any) => m.role)).toEqual(["user", "system", "assistant"])
    expect(out.messages[1].content).toBe("Agents available: x")
  })

  test("text, base64 and URL images, PDF and text documents", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBO" } },
            { type: "image", source: { type: "url", url: "https://x/y.png" } },
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBE" }, title: "a.pdf" },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "plain" } },
            { type: "document", source: { type: "url", url: "https://x/doc.pdf" } },
          ],
        },
      ],
    })
    expect(out.messages[0].content).toEqual([
      { type: "text", text: "look" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBO" } },
      { type: "image_url", image_url: { url: "https://x/y.png" } },
      { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBE" } },
      { type: "text", text: "plain" },
    ])
    expect(warnings).toEqual([{ code: "unsupported", path: "messages[0].content[5]", message: expect.stringContaining("url") }])
  })

  test("tools, strict, tool_choice any with parallel off; server tools dropped with a warning", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [{ role: "user", content: "x" }],
      tools: [
        { name: "get", description: "Get it", input_schema: { type: "object", properties: { q: { type: "string" } } }, strict: true },
        { type: "web_search_20250305", name: "web_search" },
      ],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
    })
    expect(out.tools).toEqual([
      { type: "function", function: { name: "get", description: "Get it", parameters: { type: "object", properties: { q: { type: "string" } } }, strict: true } },
    ])
    expect(out.tool_choice).toBe("required")
    expect(out.parallel_tool_calls).toBe(false)
    expect(warnings.map((w) => w.path)).toEqual(["tools[1]"])
  })

  test("tool_choice is omitted, with a warning, when every tool was a dropped server tool", () => {
    const tools = [{ type: "web_search_20250305", name: "web_search" }]
    const { out, warnings } = convert({ ...base, messages: [{ role: "user", content: "x" }], tools, tool_choice: { type: "any", disable_parallel_tool_use: true } })
    expect(out.tools).toBeUndefined()
    expect(out.tool_choice).toBeUndefined()
    expect(out.parallel_tool_calls).toBeUndefined()
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["unsupported tools[0]", "field_dropped tool_choice"])
  })

  test("named tool choice, auto, none", () => {
    const tools = [{ name: "get", input_schema: { type: "object" } }]
    const messages = [{ role: "user", content: "x" }]
    expect(convert({ ...base, messages, tools, tool_choice: { type: "tool", name: "get" } }).out.tool_choice).toEqual({ type: "function", function: { name: "get" } })
    expect(convert({ ...base, messages, tools, tool_choice: { type: "auto" } }).out.tool_choice).toBe("auto")
    expect(convert({ ...base, messages, tools, tool_choice: { type: "none" } }).out.tool_choice).toBe("none")
  })

  test("assistant tool_use, thinking and redacted thinking; tool results with is_error; images in results move after", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "plan", signature: "SIG/+=" },
            { type: "redacted_thinking", data: "REDACTED==" },
            { type: "text", text: "Running." },
            { type: "tool_use", id: "toolu_1", name: "bash", input: { cmd: "ls" } },
            { type: "tool_use", id: "toolu_2", name: "shot", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "denied", is_error: true },
            { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "here" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "AA" } }] },
            { type: "text", text: "and?" },
          ],
        },
      ],
    })
    expect(out.messages[1]).toEqual({
      role: "assistant",
      content: "Running.",
      tool_calls: [
        { id: "toolu_1", type: "function", function: { name: "bash", arguments: '{"cmd":"ls"}' } },
        { id: "toolu_2", type: "function", function: { name: "shot", arguments: "{}" } },
      ],
      reasoning_content: "plan",
      reasoning_details: [
        { type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "plan", signature: "SIG/+=" },
        { type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 1, data: "REDACTED==" },
      ],
    })
    expect(out.messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "toolu_1", content: "[tool_error] denied" },
      { role: "tool", tool_call_id: "toolu_2", content: "here" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA" } }, { type: "text", text: "and?" }] },
    ])
    expect(warnings.map((w) => w.code)).toEqual(["value_changed"])
  })

  test("orphan tool_result (history compacted) becomes user text with a warning (facts 11.1.13)", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_gone", content: "old output" }, { type: "text", text: "continue" }] },
      ],
    })
    expect(out.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "[tool_result for toolu_gone]\nold output" }, { type: "text", text: "continue" }] },
    ])
    expect(warnings[0]).toMatchObject({ code: "value_changed", path: "messages[0].content[0]" })
  })

  test("long tool ids are shortened deterministically on both the call and its result", () => {
    const id = "toolu_" + "x".repeat(60)
    const { out } = convert({
      ...base,
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id, name: "a", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: "ok" }] },
      ],
    })
    const callId = out.messages[0].tool_calls[0].id
    expect(callId.length).toBeLessThanOrEqual(40)
    expect(out.messages[1]).toEqual({ role: "tool", tool_call_id: callId, content: "ok" })
    expect(convert({ ...base, messages: [{ role: "assistant", content: [{ type: "tool_use", id, name: "a", input: {} }] }] }).out.messages[0].tool_calls[0].id).toBe(callId)
  })

  test("sampling, stop sequences, max_tokens, stream, metadata, structured output", () => {
    const { out, warnings } = convert({
      ...base,
      messages: [{ role: "user", content: "x" }],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 5,
      stop_sequences: ["END"],
      stream: true,
      metadata: { user_id: "u-1" },
      output_config: { format: { type: "json_schema", schema: { type: "object" } } },
    })
    expect(out).toMatchObject({
      max_completion_tokens: 1000,
      temperature: 0.3,
      top_p: 0.9,
      stop: ["END"],
      stream: true,
      stream_options: { include_usage: true },
      user: "u-1",
      response_format: { type: "json_schema", json_schema: { name: "output", schema: { type: "object" }, strict: true } },
    })
    expect(warnings.map((w) => w.path)).toEqual(["top_k"])
  })

  test("thinking budget and adaptive effort map to reasoning_effort through the shared table", () => {
    const messages = [{ role: "user", content: "x" }]
    expect(convert({ ...base, messages, thinking: { type: "enabled", budget_tokens: 31999 } }).out.reasoning_effort).toBe("high")
    expect(convert({ ...base, messages, thinking: { type: "enabled", budget_tokens: 1024 } }).out.reasoning_effort).toBe("minimal")
    expect(convert({ ...base, messages, thinking: { type: "enabled", budget_tokens: 5000 } }).out.reasoning_effort).toBe("low")
    expect(convert({ ...base, messages, thinking: { type: "adaptive" } }).out.reasoning_effort).toBe("high")
    expect(convert({ ...base, messages, thinking: { type: "adaptive" }, output_config: { effort: "medium" } }).out.reasoning_effort).toBe("medium")
    const max = convert({ ...base, messages, thinking: { type: "adaptive" }, output_config: { effort: "max" } })
    expect(max.out.reasoning_effort).toBe("high")
    expect(max.warnings.map((w) => w.path)).toEqual(["output_config.effort"])
    expect(convert({ ...base, messages, thinking: { type: "disabled" } }).out.reasoning_effort).toBeUndefined()
  })
})

describe("Claude Code requests convert to Chat", () => {
  for (const name of ["claude-code-2.1.197-p-hi.json", "claude-code-2.1.197-tool-roundtrip-turn2.json"]) {
    test(name, () => {
      const request = readJson(join(REQUESTS, name)).body
      const { out, warnings } = convert(request)
      expect(warnings).toEqual([
        { code: "field_dropped", path: "context_management", message: expect.any(String) },
        { code: "field_dropped", path: "cache_control", message: expect.any(String) },
      ])
      expect(out.model).toBe("claude-opus-4-8")
      expect(out.max_completion_tokens).toBe(64000)
      expect(out.reasoning_effort).toBe("high")
      expect(out.stream_options).toEqual({ include_usage: true })
      expect(out.tools).toHaveLength(request.tools.length)
      expect(JSON.stringify(out.messages)).not.toContain("x-anthropic-billing-header")
      expect(out.messages[0].role).toBe("system")
      expect(out.messages[0].content.startsWith("You are a Claude agent")).toBe(true)
      expect(out.messages.map((m: any) => m.role)).toContain("system")
      expect(out.user).toBe(request.metadata.user_id)
    })
  }

  test("turn 2 keeps the thinking signature and pairs the tool result with its call", () => {
    const request = readJson(join(REQUESTS, "claude-code-2.1.197-tool-roundtrip-turn2.json")).body
    const { out } = convert(request)
    const assistant = out.messages.find((m: any) => m.role === "assistant")
    expect(assistant.reasoning_details[0].signature).toBe(request.messages.find((m: any) => m.role === "assistant").content[0].signature)
    expect(assistant.tool_calls[0]).toEqual({ id: "toolu_01MockBash", type: "function", function: { name: "Bash", arguments: '{"command":"echo mock-tool-ran","description":"Echo test"}' } })
    expect(out.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "toolu_01MockBash", content: "mock-tool-ran" })
  })
})
