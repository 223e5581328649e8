import { describe, expect, test } from "bun:test"
import { copilotModelName } from "../../../plugins/copilot/models"
import { carriesImages, foldReminderMessages, initiatorOf } from "../../../plugins/copilot/request-traits"

const call = { id: "call_1", type: "function", function: { name: "read_file", arguments: "{}" } }

describe("X-Initiator over a multi-turn tool conversation (Chat messages)", () => {
  const turns: Array<[string, Array<Record<string, unknown>>, "user" | "agent"]> = [
    ["a fresh question", [{ role: "system", content: "be brief" }, { role: "user", content: "fix the bug" }], "user"],
    ["tool results follow the model's calls", [{ role: "user", content: "fix the bug" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "file text" }], "agent"],
    ["tool results plus reminder text (Claude Code)", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "user", content: "<system-reminder>todo list</system-reminder>" }], "agent"],
    ["a new question after the loop ended", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "assistant", content: "Fixed." }, { role: "user", content: "now add a test" }], "user"],
    ["tool results plus a person's new words: a user turn", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "user", content: "stop, do it differently" }], "user"],
    ["tool results plus reminders and a person's words in one message", [{ role: "user", content: "fix" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "ok" }, { role: "user", content: [{ type: "text", text: "<system-reminder>todo</system-reminder>" }, { type: "text", text: "use the other file" }] }], "user"],
    ["a tool result's image moved into a user message", [{ role: "user", content: "look" }, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "" }, { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }], "agent"],
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
    expect(initiatorOf({ input: [...loop, { type: "message", role: "user", content: [{ type: "input_text", text: "and tomorrow?" }] }] }, "openai.responses")).toBe("user")
  })
})

describe("reminder text next to tool results is folded into them", () => {
  const reminder = "<system-reminder>todo list changed</system-reminder>"

  test("Chat: the round ends on the tool message, which carries the reminder; earlier rounds the same way", () => {
    const body: Record<string, unknown> = {
      messages: [
        { role: "user", content: "fix" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: "call_1", content: "one" },
        { role: "user", content: reminder },
        { role: "assistant", content: null, tool_calls: [{ ...call, id: "call_2" }] },
        { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "two" }] },
        { role: "user", content: [{ type: "text", text: reminder }, { type: "text", text: `  ${reminder}\n` }] },
      ],
    }
    foldReminderMessages(body, "openai.chat_completions")
    expect(body.messages).toEqual([
      { role: "user", content: "fix" },
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: "call_1", content: `one\n\n${reminder}` },
      { role: "assistant", content: null, tool_calls: [{ ...call, id: "call_2" }] },
      { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "two" }, { type: "text", text: `${reminder}\n\n  ${reminder}\n` }] },
    ])
    expect(initiatorOf(body, "openai.chat_completions")).toBe("agent")
  })

  test("a person's words, a reminder with no tool result before it, and a fresh question stay as they are", () => {
    const messages = [
      { role: "user", content: reminder },
      { role: "user", content: "fix" },
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: "call_1", content: "ok" },
      { role: "user", content: "now something else" },
    ]
    const body: Record<string, unknown> = { messages: structuredClone(messages) }
    foldReminderMessages(body, "openai.chat_completions")
    expect(body.messages).toEqual(messages)
  })

  test("Responses: into function_call_output, string or parts", () => {
    const body: Record<string, unknown> = {
      input: [
        { role: "user", content: "weather?" },
        { type: "function_call", call_id: "c1", name: "weather", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "sunny" },
        { type: "function_call", call_id: "c2", name: "weather", arguments: "{}" },
        { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "rain" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: reminder }] },
      ],
    }
    foldReminderMessages(body, "openai.responses")
    expect((body.input as unknown[]).at(-1)).toEqual({ type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "rain" }, { type: "input_text", text: reminder }] })
    expect(body.input as unknown[]).toHaveLength(5)
    expect(initiatorOf(body, "openai.responses")).toBe("agent")
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
