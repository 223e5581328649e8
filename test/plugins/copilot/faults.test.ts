import { afterEach, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import { sseResponse } from "../../helpers/fake-server"
import { COPILOT_STREAM, GITHUB_TOKEN, chatCompletion, copilotTokenValue, credentialsFile, defaultCopilotAnswer, RESPONSES_STREAM, startCopilotHarness, type CopilotHarness } from "./harness"

let harness: CopilotHarness | undefined
afterEach(() => harness?.stop())

const chat = (stream = false) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-4o", stream, messages: [{ role: "user", content: "hi" }] }) })

describe("a 401 from Copilot", () => {
  test("the Copilot token is exchanged again and the request retried once, streams included", async () => {
    const seen: string[] = []
    harness = await startCopilotHarness({
      answer: async (request) => {
        const token = request.headers.get("authorization")!
        seen.push(token)
        if (token === `Bearer ${copilotTokenValue(1)}`) return Response.json({ error: { message: "unauthorized: token expired" } }, { status: 401 })
        return (await request.json() as { stream?: boolean }).stream ? sseResponse([COPILOT_STREAM]) : Response.json(chatCompletion())
      },
    })
    const response = await fetch(`${harness.url}/copilot/v1/chat/completions`, chat(true))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain("calculate_distance")
    expect(seen).toEqual([`Bearer ${copilotTokenValue(1)}`, `Bearer ${copilotTokenValue(2)}`])
    expect(harness.github.exchanges).toBe(2)
  })

  test("a second 401 reaches the client in its format, with no token in it", async () => {
    harness = await startCopilotHarness({ answer: () => Response.json({ error: { message: "unauthorized: token expired" } }, { status: 401 }) })
    const response = await fetch(`${harness.url}/copilot/v1/messages`, { method: "POST", body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }) })
    expect(response.status).toBe(401)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ type: "error", error: { type: "authentication_error" } })
    expect(text).not.toContain("copilot-service-token")
    expect(harness.copilot.requests).toHaveLength(2)
  })

  test("GET /copilot/v1/models retries after a 401 too", async () => {
    harness = await startCopilotHarness({
      answer: (request) => (request.headers.get("authorization") === `Bearer ${copilotTokenValue(1)}` ? new Response("no", { status: 401 }) : defaultCopilotAnswer(request)),
    })
    const response = await fetch(`${harness.url}/copilot/v1/models`)
    expect(response.headers.get("x-ccproxy-models-source")).toBe("copilot")
    expect(harness.github.exchanges).toBe(2)
  })
})

describe("routing and fallbacks", () => {
  test("the API host comes from the Copilot token's endpoints.api; base_url overrides it", async () => {
    harness = await startCopilotHarness({ settings: { "plugins.copilot.base_url": "http://127.0.0.1:9/unused" } })
    const response = await fetch(`${harness.url}/copilot/v1/chat/completions`, chat())
    expect(response.status).toBe(502)
    expect(harness.copilot.requests).toHaveLength(0)
  })

  test("models fall back to the configured list when Copilot is unreachable", async () => {
    harness = await startCopilotHarness({ answer: () => new Response("down", { status: 503 }) })
    const response = await fetch(`${harness.url}/copilot/v1/models`)
    expect(response.headers.get("x-ccproxy-models-source")).toBe("fallback")
    const list = (await response.json()) as { data: Array<{ id: string }> }
    expect(list.data.map((model) => model.id)).toContain("gpt-4.1")
  })

  test("an Anthropic client asking for a Responses-only model is converted to /responses", async () => {
    harness = await startCopilotHarness({ answer: () => sseResponse([RESPONSES_STREAM]) })
    const anthropic = new Anthropic({ baseURL: `${harness.url}/copilot`, apiKey: "unused", maxRetries: 0 })
    const message = await anthropic.messages.stream({ model: "gpt-5.1-codex", max_tokens: 500, messages: [{ role: "user", content: "Weather in Florence?" }] }).finalMessage()
    expect(message.content.some((block) => block.type === "tool_use")).toBe(true)
    expect(new URL(harness.copilot.requests[0]!.url).pathname).toBe("/responses")
    expect(harness.copilot.requests[0]!.headers.get("x-initiator")).toBe("user")
  })
})

describe("access", () => {
  test("every /copilot route needs the proxy's token when one is set", async () => {
    harness = await startCopilotHarness({ settings: { "security.auth_token": "proxy-secret-123456" } })
    for (const [path, init] of [["/copilot/v1/chat/completions", chat()], ["/copilot/v1/messages", chat()], ["/copilot/v1/responses", chat()], ["/copilot/v1/embeddings", chat()], ["/copilot/v1/models", {}], ["/copilot/usage", {}]] as const) {
      expect((await fetch(`${harness.url}${path}`, init)).status).toBe(401)
    }
    expect(harness.copilot.requests).toHaveLength(0)
    expect(harness.github.requests).toHaveLength(0)
    const allowed = await fetch(`${harness.url}/copilot/usage`, { headers: { authorization: "Bearer proxy-secret-123456" } })
    expect(allowed.status).toBe(200)
  })

  test("not logged in: 401 naming the login command, nothing sent upstream", async () => {
    harness = await startCopilotHarness({ file: `${credentialsFile()}.absent` })
    const response = await fetch(`${harness.url}/copilot/v1/chat/completions`, chat())
    expect(response.status).toBe(401)
    expect(await response.text()).toContain("ccproxy auth login copilot")
    const usage = await fetch(`${harness.url}/copilot/usage`)
    expect(usage.status).toBe(401)
    expect(harness.copilot.requests).toHaveLength(0)
  })

  test("usage: a GitHub token GitHub no longer accepts is a 401 telling to log in again", async () => {
    harness = await startCopilotHarness({ file: credentialsFile({ oauth_token: { access_token: `${GITHUB_TOKEN}-revoked` } }) })
    const response = await fetch(`${harness.url}/copilot/usage`)
    expect(response.status).toBe(401)
    expect(await response.text()).toContain("ccproxy auth login copilot --force")
  })
})

describe("when the Copilot token exchange fails during a request", () => {
  const messages = () => ({ method: "POST", body: JSON.stringify({ model: "claude-sonnet-4", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }) })

  test("GitHub down (5xx or unreachable) is a 503 to retry, not a 401 asking for a new login; the cool-down after it too", async () => {
    harness = await startCopilotHarness({ github: { exchange: () => new Response("unicorn", { status: 502 }) } })
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${harness.url}/copilot/v1/messages`, messages())
      expect(response.status).toBe(503)
      const body = (await response.json()) as { type: string; error: { type: string; message: string } }
      expect(body.type).toBe("error")
      expect(body.error.message).toContain("HTTP 502")
      expect(body.error.message).not.toContain("auth login")
    }
    expect(harness.github.exchanges).toBe(1)
    expect(harness.copilot.requests).toHaveLength(0)
  })

  test("GitHub rate-limiting the exchange is a 429", async () => {
    harness = await startCopilotHarness({ github: { exchange: () => Response.json({ message: "slow down" }, { status: 429 }) } })
    expect((await fetch(`${harness.url}/copilot/v1/chat/completions`, chat())).status).toBe(429)
  })

  test("an account without a Copilot seat is a 403 permission error saying so", async () => {
    harness = await startCopilotHarness({ github: { exchange: () => Response.json({ message: "Resource not accessible by integration" }, { status: 403 }) } })
    const response = await fetch(`${harness.url}/copilot/v1/chat/completions`, chat())
    expect(response.status).toBe(403)
    const body = (await response.json()) as { error: { type: string; message: string } }
    expect(body.error.type).toBe("permission_error")
    expect(body.error.message).toContain("no Copilot access")
  })

  test("a revoked GitHub token stays a 401 naming the login command, answered at once", async () => {
    harness = await startCopilotHarness({ github: { exchange: () => Response.json({ message: "Bad credentials" }, { status: 401 }) } })
    const started = Date.now()
    const response = await fetch(`${harness.url}/copilot/v1/chat/completions`, chat())
    expect(response.status).toBe(401)
    expect(await response.text()).toContain("ccproxy auth login copilot")
    // A refused exchange spends nothing, so there is no other program's renewal to wait for.
    expect(Date.now() - started).toBeLessThan(1500)
  })
})
