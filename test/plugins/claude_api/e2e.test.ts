import { afterEach, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { readFileSync } from "node:fs"
import { capturedRequest, PROXY_TOKEN, startClaudeHarness, type ClaudeHarness } from "./harness"

let harness: ClaudeHarness | undefined
afterEach(async () => {
  await harness?.stop()
  harness = undefined
})

describe("Claude Code through /claude/v1/messages", () => {
  test("the real request goes upstream byte-faithfully apart from the documented changes", async () => {
    harness = await startClaudeHarness()
    const captured = capturedRequest("claude-code-2.1.197-p-hi.json")
    const headers = { ...captured.headers, "x-api-key": PROXY_TOKEN }
    for (const name of ["host", "content-length", "connection", "accept-encoding"]) delete (headers as Record<string, string>)[name]
    const response = await fetch(`${harness.url}/claude${captured.url}`, { method: "POST", headers, body: JSON.stringify(captured.body) })
    expect(response.status).toBe(200)
    const streamed = await response.text()
    expect(streamed).toContain("event: message_stop")

    const upstream = harness.upstream.requests[0]!
    expect(new URL(upstream.url).pathname + new URL(upstream.url).search).toBe("/v1/messages?beta=true")
    expect(upstream.headers.get("authorization")).toBe("Bearer sk-ant-oat01-first")
    expect(upstream.headers.get("x-api-key")).toBeNull()
    expect(JSON.stringify([...upstream.headers])).not.toContain(PROXY_TOKEN)
    expect(upstream.headers.get("anthropic-beta")).toBe(`${captured.headers["anthropic-beta"]},oauth-2025-04-20`)
    expect(upstream.headers.get("user-agent")).toBe(captured.headers["user-agent"])
    expect(upstream.headers.get("x-claude-code-session-id")).toBe(captured.headers["x-claude-code-session-id"]!)

    const [sent] = await harness.bodies()
    const expected = { ...captured.body, system: captured.body.system.slice(1) }
    expect(sent).toEqual(expected)
    expect(JSON.stringify(sent)).not.toContain("x-anthropic-billing-header")
  })

  test("count_tokens is forwarded", async () => {
    harness = await startClaudeHarness()
    const response = await fetch(`${harness.url}/claude/v1/messages/count_tokens`, { method: "POST", headers: { "x-api-key": PROXY_TOKEN, "content-type": "application/json" }, body: JSON.stringify({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "hi" }] }) })
    expect(await response.json()).toEqual({ input_tokens: 42 })
    expect(new URL(harness.upstream.requests[0]!.url).pathname).toBe("/v1/messages/count_tokens")
    expect((await harness.bodies())[0]!.stream).toBeUndefined()
  })
})

describe("official clients", () => {
  test("Anthropic SDK: streamed thinking and tool use, and a plain message", async () => {
    harness = await startClaudeHarness()
    const client = new Anthropic({ baseURL: `${harness.url}/claude`, apiKey: PROXY_TOKEN, maxRetries: 0 })
    const message = await client.messages
      .stream({ model: "claude-sonnet-4-20250514", max_tokens: 4096, thinking: { type: "enabled", budget_tokens: 4000 }, messages: [{ role: "user", content: "What's the weather in Florence?" }], tools: [{ name: "weather", input_schema: { type: "object", properties: { location: { type: "string" } } } }] })
      .finalMessage()
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "tool_use"])
    expect(message.stop_reason).toBe("tool_use")
    const toolUse = message.content.find((block) => block.type === "tool_use")
    expect(toolUse && "input" in toolUse ? toolUse.input : undefined).toEqual({ location: "Florence, Italy" })
    const [sent] = await harness.bodies()
    expect(sent!.system[0].text).toBe("You are Claude Code, Anthropic's official CLI for Claude.")

    const plain = await client.messages.create({ model: "sonnet", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
    expect(plain.content[0]).toMatchObject({ type: "text", text: "Hello from Claude" })
    expect(plain.model).toBe("sonnet")
    expect((await harness.bodies())[1]!.model).toBe("claude-sonnet-4-6")
  })

  test("OpenAI SDK on /claude/v1: chat stream, chat create, responses stream, models", async () => {
    harness = await startClaudeHarness()
    const client = new OpenAI({ baseURL: `${harness.url}/claude/v1`, apiKey: PROXY_TOKEN, maxRetries: 0 })
    const streamed = await client.chat.completions
      .stream({ model: "gpt-4o", messages: [{ role: "user", content: "weather in Florence?" }], tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } } } }], stream_options: { include_usage: true } })
      .finalChatCompletion()
    expect(streamed.model).toBe("gpt-4o")
    expect(streamed.choices[0]!.finish_reason).toBe("tool_calls")
    expect(JSON.parse(streamed.choices[0]!.message.tool_calls![0]!.function.arguments)).toEqual({ location: "Florence, Italy" })
    expect(streamed.usage?.prompt_tokens).toBeGreaterThan(0)

    const created = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }] })
    expect(created.choices[0]!.message.content).toBe("Hello from Claude")
    expect(created.model).toBe("gpt-4o-mini")
    const sentChat = (await harness.bodies())[1]!
    expect(sentChat.model).toBe("claude-haiku-4-5-20251001")
    expect(sentChat.system.map((block: { text: string }) => block.text)).toEqual(["You are Claude Code, Anthropic's official CLI for Claude.", "Be brief."])

    const response = await client.responses.stream({ model: "gpt-5", input: "weather in Florence?", tools: [{ type: "function", name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } }, strict: false }] }).finalResponse()
    expect(response.output.some((item) => item.type === "function_call")).toBe(true)

    const models = await client.models.list()
    expect(models.data.map((model) => model.id)).toContain("claude-sonnet-4-6")
    const anthropicModels = await new Anthropic({ baseURL: `${harness.url}/claude`, apiKey: PROXY_TOKEN }).models.list()
    expect(anthropicModels.data.length).toBeGreaterThan(0)
  })
})

describe("credentials", () => {
  test("an upstream 401 refreshes once, retries once, and the new token is stored with other keys kept", async () => {
    let calls = 0
    harness = await startClaudeHarness((request, body) => {
      calls++
      if (request.headers.get("authorization") === "Bearer sk-ant-oat01-first") return Response.json({ type: "error", error: { type: "authentication_error", message: "OAuth token has expired" } }, { status: 401 })
      return Response.json({ id: "m", type: "message", role: "assistant", model: body.model, content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } })
    })
    const client = new Anthropic({ baseURL: `${harness.url}/claude`, apiKey: PROXY_TOKEN, maxRetries: 0 })
    const message = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
    expect(message.content[0]).toMatchObject({ text: "ok" })
    expect(calls).toBe(2)
    expect(harness.tokens.received).toHaveLength(1)
    expect(harness.upstream.requests[1]!.headers.get("authorization")).toBe("Bearer sk-ant-oat01-refreshed-1")
    const stored = JSON.parse(readFileSync(harness.credentialsFile, "utf8"))
    expect(stored.claudeAiOauth.accessToken).toBe("sk-ant-oat01-refreshed-1")
    expect(stored.mcpOAuth).toEqual({ keep: "me" })
  })

  test("health tells whether credentials are present, their expiry and the last upstream status", async () => {
    harness = await startClaudeHarness()
    await fetch(`${harness.url}/claude/v1/messages`, { method: "POST", headers: { "x-api-key": PROXY_TOKEN }, body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }) })
    const health = (await (await fetch(`${harness.url}/plugins/claude_api/health`, { headers: { "x-api-key": PROXY_TOKEN } })).json()) as { status: string; details: Record<string, any> }
    expect(health.status).toBe("healthy")
    expect(health.details.credentials.present).toBe(true)
    expect(typeof health.details.credentials.expiresAt).toBe("string")
    expect(health.details.last_upstream_status).toBe(200)
  })

  test("without a login, requests get a 401 that says how to log in", async () => {
    harness = await startClaudeHarness(undefined, { "plugins.oauth_claude.credentials_file": "/nonexistent/.credentials.json" })
    const response = await fetch(`${harness.url}/claude/v1/messages`, { method: "POST", headers: { "x-api-key": PROXY_TOKEN }, body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }) })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("ccproxy auth login claude-api")
    expect(harness.upstream.requests).toHaveLength(0)
  })
})
