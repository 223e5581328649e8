import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { GITHUB_TOKEN, copilotTokenValue, startCopilotHarness, type CopilotHarness } from "./harness"

let harness: CopilotHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  harness = await startCopilotHarness()
  openai = new OpenAI({ baseURL: `${harness.url}/copilot/v1`, apiKey: "unused", maxRetries: 0 })
  anthropic = new Anthropic({ baseURL: `${harness.url}/copilot`, apiKey: "unused", maxRetries: 0 })
})
afterAll(() => harness.stop())

const lastCall = async () => (await harness.calls()).at(-1)!

const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { location: { type: "string" } } } } }]

describe("openai on /copilot/v1", () => {
  test("chat.completions.stream(): the recorded Copilot stream, passed through", async () => {
    const completion = await openai.chat.completions.stream({ model: "gpt-4o", messages: [{ role: "user", content: "Weather in New York?" }], tools }).finalChatCompletion()
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls")
    expect(completion.choices[0]!.message.tool_calls?.map((call) => call.type === "function" && call.function.name)).toEqual(["get_weather", "calculate_distance"])
    const call = await lastCall()
    expect(call.path).toBe("/chat/completions")
    expect(call.headers.get("authorization")).toBe(`Bearer ${copilotTokenValue(1)}`)
    expect(call.headers.get("x-initiator")).toBe("user")
    expect(call.headers.get("accept")).toBe("text/event-stream")
    for (const [name, value] of Object.entries({ "copilot-integration-id": "vscode-chat", "editor-version": "vscode/1.85.0", "editor-plugin-version": "copilot-chat/0.26.7", "user-agent": "GitHubCopilotChat/0.26.7", "x-github-api-version": "2025-04-01", "openai-intent": "conversation-panel" })) {
      expect(call.headers.get(name)).toBe(value)
    }
    expect(call.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    expect(call.headers.get("copilot-vision-request")).toBeNull()
  })

  test("chat.completions.create without stream; max_tokens kept for GPT-4o, renamed for GPT-5", async () => {
    const completion = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Weather?" }], max_tokens: 50 })
    expect(completion.choices[0]!.message.content).toBe("Sunny in New York.")
    expect((await lastCall()).body).toMatchObject({ model: "gpt-4o", max_tokens: 50 })
    await openai.chat.completions.create({ model: "gpt-5-mini", messages: [{ role: "user", content: "Weather?" }], max_tokens: 50 })
    const body = (await lastCall()).body!
    expect(body.max_completion_tokens).toBe(50)
    expect(body).not.toHaveProperty("max_tokens")
  })

  test("responses.stream(): converted to Chat Completions for a Chat model", async () => {
    const response = await openai.responses.stream({ model: "gpt-4o", input: "Weather in New York?", tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: false }] }).finalResponse()
    expect(response.output.filter((item) => item.type === "function_call")).toHaveLength(2)
    expect((await lastCall()).path).toBe("/chat/completions")
  })

  test("responses.stream(): a Responses-only model goes to Copilot's /responses untouched", async () => {
    const response = await openai.responses.stream({ model: "gpt-5.1-codex", input: "Weather in Florence?" }).finalResponse()
    expect(response.output.map((item) => item.type)).toEqual(["reasoning", "function_call"])
    const call = await lastCall()
    expect(call.path).toBe("/responses")
    expect(call.body).toMatchObject({ model: "gpt-5.1-codex", input: "Weather in Florence?", stream: true })
    expect(call.headers.get("x-initiator")).toBe("user")
  })

  test("chat.completions from a Chat client for a Responses-only model: converted to /responses and back", async () => {
    const streamed = await openai.chat.completions.stream({ model: "gpt-5-codex", messages: [{ role: "user", content: "Weather in Florence?" }] }).finalChatCompletion()
    expect(streamed.choices[0]!.message.tool_calls?.[0]).toMatchObject({ type: "function", function: { name: "weather" } })
    expect(streamed.model).toBe("gpt-5-2025-08-07")
    const call = await lastCall()
    expect(call.path).toBe("/responses")
    expect(call.body!.input).toBeArray()
    const plain = await openai.chat.completions.create({ model: "gpt-5-codex", messages: [{ role: "user", content: "Weather in Florence?" }] })
    expect(plain.choices[0]!.finish_reason).toBe("tool_calls")
    expect((await lastCall()).path).toBe("/responses")
  })

  test("embeddings pass through", async () => {
    const result = await openai.embeddings.create({ model: "text-embedding-3-small", input: "hello", encoding_format: "float" })
    expect(result.data[0]!.embedding).toEqual([0.1, 0.2])
    const call = await lastCall()
    expect(call.path).toBe("/embeddings")
    expect(call.headers.get("x-initiator")).toBeNull()
  })

  test("models: Copilot's live list, whose supported_endpoints then route a model to /responses", async () => {
    const models = await openai.models.list()
    expect(models.data.map((model) => model.id)).toEqual(["gpt-4o", "gpt-5-codex-live"])
    await openai.chat.completions.create({ model: "gpt-5-codex-live", messages: [{ role: "user", content: "hi" }] })
    expect((await lastCall()).path).toBe("/responses")
  })

  test("a vision request carries Copilot-Vision-Request", async () => {
    await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: [{ type: "text", text: "What is in this picture?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }] })
    expect((await lastCall()).headers.get("copilot-vision-request")).toBe("true")
  })
})

describe("@anthropic-ai/sdk on /copilot (Claude Code)", () => {
  test("messages.stream(): the Copilot stream converted, dated Claude id in Copilot's spelling", async () => {
    const message = await anthropic.messages.stream({ model: "claude-haiku-4-5-20251001", max_tokens: 1000, messages: [{ role: "user", content: "Weather in New York?" }], tools: [{ name: "get_weather", input_schema: { type: "object", properties: {} } }] }).finalMessage()
    expect(message.content.filter((block) => block.type === "tool_use").map((block) => block.type === "tool_use" && block.name)).toEqual(["get_weather", "calculate_distance"])
    expect(message.stop_reason).toBe("tool_use")
    expect(message.model).toBe("claude-haiku-4-5-20251001")
    expect(message.usage.output_tokens).toBe(76)
    const call = await lastCall()
    expect(call.body).toMatchObject({ model: "claude-haiku-4.5", stream: true, max_tokens: 1000 })
    expect(call.body).not.toHaveProperty("max_completion_tokens")
    expect(call.headers.get("x-initiator")).toBe("user")
    expect([...call.headers.keys()].filter((name) => name.startsWith("anthropic-") || name.startsWith("x-stainless-"))).toEqual([])
  })

  test("X-Initiator over a Claude Code tool loop: user, agent, agent, then user for the next question", async () => {
    const use = (id: string) => ({ role: "assistant" as const, content: [{ type: "tool_use" as const, id, name: "get_weather", input: { location: "NYC" } }] })
    const result = (id: string, reminder = false) => ({
      role: "user" as const,
      content: [{ type: "tool_result" as const, tool_use_id: id, content: "sunny" }, ...(reminder ? [{ type: "text" as const, text: "<system-reminder>keep going</system-reminder>" }] : [])],
    })
    const question = { role: "user" as const, content: "Weather in New York?" }
    const conversations = [
      [question],
      [question, use("toolu_1"), result("toolu_1")],
      [question, use("toolu_1"), result("toolu_1"), use("toolu_2"), result("toolu_2", true)],
      [question, use("toolu_1"), result("toolu_1"), { role: "assistant" as const, content: "Sunny." }, { role: "user" as const, content: "And Boston?" }],
    ]
    const initiators: Array<string | null> = []
    for (const messages of conversations) {
      await anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages })
      initiators.push((await lastCall()).headers.get("x-initiator"))
    }
    expect(initiators).toEqual(["user", "agent", "agent", "user"])
  })

  test("reminder text next to tool results goes into the tool message; a person's words next to them make a user turn", async () => {
    const use = { role: "assistant" as const, content: [{ type: "tool_use" as const, id: "toolu_1", name: "get_weather", input: {} }] }
    const withText = (text: string) => ({ role: "user" as const, content: [{ type: "tool_result" as const, tool_use_id: "toolu_1", content: "sunny" }, { type: "text" as const, text }] })
    const question = { role: "user" as const, content: "Weather?" }
    await anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [question, use, withText("<system-reminder>keep going</system-reminder>")] })
    const folded = await lastCall()
    expect(folded.headers.get("x-initiator")).toBe("agent")
    expect(folded.body!.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "toolu_1" })
    expect(JSON.stringify(folded.body!.messages.at(-1).content)).toContain("keep going")
    await anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [question, use, withText("Stop, use Celsius instead.")] })
    const typed = await lastCall()
    expect(typed.headers.get("x-initiator")).toBe("user")
    expect(typed.body!.messages.at(-1)).toEqual({ role: "user", content: "Stop, use Celsius instead." })
  })

  test("an image block becomes a vision request", async () => {
    await anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }, { type: "text", text: "What is this?" }] }] })
    expect((await lastCall()).headers.get("copilot-vision-request")).toBe("true")
  })
})

describe("usage and secrecy", () => {
  test("GET /copilot/usage: the quota snapshot, with nothing token-shaped", async () => {
    const response = await fetch(`${harness.url}/copilot/usage`)
    expect(response.status).toBe(200)
    const usage = (await response.json()) as Record<string, any>
    expect(usage).toMatchObject({ login: "octocat", account_type: "individual", quota_snapshots: { premium_interactions: { remaining: 120 } } })
    expect(usage.token).toBe("[redacted]")
    const request = harness.github.requests.find((sent) => sent.url.endsWith("/copilot_internal/user"))!
    expect(request.headers.get("authorization")).toBe(`token ${GITHUB_TOKEN}`)
  })

  test("no route answers with a GitHub or Copilot token", async () => {
    const bodies = await Promise.all([
      fetch(`${harness.url}/copilot/usage`).then((r) => r.text()),
      fetch(`${harness.url}/copilot/v1/models`).then((r) => r.text()),
      fetch(`${harness.url}/plugins/copilot/health`).then((r) => r.text()),
      fetch(`${harness.url}/plugins/oauth_copilot/health`).then((r) => r.text()),
      fetch(`${harness.url}/health`).then((r) => r.text()),
      fetch(`${harness.url}/copilot/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }) }).then((r) => r.text()),
    ])
    for (const body of bodies) {
      expect(body).not.toContain(GITHUB_TOKEN)
      expect(body).not.toContain("copilot-service-token")
    }
  })
})
