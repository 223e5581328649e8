import { describe, expect, test } from "bun:test"
import { copilotModelName } from "../../../plugins/copilot/models"
import { carriesImages, initiatorOf } from "../../../plugins/copilot/request-traits"

const call = { id: "call_1", type: "function", function: { name: "read_file", arguments: "{}" } }

describe("X-Initiator over a multi-turn tool conversation (Chat messages)", () => {
  const turns: Array<[string, Array<Record<string, unknown>>, "user" | "agent"]> = [
    ["a fresh question", [{ role: "system", content: "be brief" }, { role: "user", content: "fix the bug" }], "user"],
    ["tool results follow the model's calls", [{ role: "user", content: "fix the bug" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "file text" }], "agent"],
    ["tool results plus reminder text (Claude Code)", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "user", content: "<system-reminder>todo list</system-reminder>" }], "agent"],
    ["a new question after the loop ended", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "assistant", content: "Fixed." }, { role: "user", content: "now add a test" }], "user"],
    ["an assistant prefill continues the model", [{ role: "user", content: "hi" }, { role: "assistant", content: "Hel" }], "agent"],
  ]
  for (const [name, messages, expected] of turns) test(name, () => expect(initiatorOf({ messages }, "openai.chat_completions")).toBe(expected))
})

describe("X-Initiator on a Responses body", () => {
  test("string input and a user message are user turns", () => {
    expect(initiatorOf({ input: "hello" }, "openai.responses")).toBe("user")
    expect(initiatorOf({ input: [{ role: "user", content: [{ type: "input_text", text: "hi" }] }] }, "openai.responses")).toBe("user")
  })

  test("function_call_output after a function_call is an agent turn; a later user message is not", () => {
    const loop = [
      { role: "user", content: "weather?" },
      { type: "reasoning", id: "rs_1", summary: [] },
      { type: "function_call", call_id: "c1", name: "weather", arguments: "{}" },
      { type: "function_call_output", call_id: "c1", output: "sunny" },
    ]
    expect(initiatorOf({ input: loop }, "openai.responses")).toBe("agent")
    expect(initiatorOf({ input: [...loop, { type: "message", role: "assistant", content: [{ type: "output_text", text: "Sunny." }] }, { role: "user", content: "and tomorrow?" }] }, "openai.responses")).toBe("user")
  })
})

describe("vision requests", () => {
  test("image parts in Chat and Responses bodies, including inside tool results", () => {
    expect(carriesImages({ messages: [{ role: "user", content: [{ type: "text", text: "what is this" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }] }, "openai.chat_completions")).toBe(true)
    expect(carriesImages({ input: [{ role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AAAA" }] }] }, "openai.responses")).toBe(true)
    expect(carriesImages({ input: [{ type: "function_call_output", call_id: "c", output: [{ type: "input_image", image_url: "x" }] }] }, "openai.responses")).toBe(true)
    expect(carriesImages({ messages: [{ role: "user", content: "no image" }] }, "openai.chat_completions")).toBe(false)
  })
})

describe("model names", () => {
  test("Anthropic's dated ids in Copilot's spelling; others unchanged", () => {
    expect(copilotModelName("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4.5")
    expect(copilotModelName("claude-haiku-4-5")).toBe("claude-haiku-4.5")
    expect(copilotModelName("claude-sonnet-4-20250514")).toBe("claude-sonnet-4")
    expect(copilotModelName("claude-sonnet-4.5")).toBe("claude-sonnet-4.5")
    expect(copilotModelName("gpt-4o")).toBe("gpt-4o")
  })
})
