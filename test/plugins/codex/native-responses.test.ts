import { afterEach, expect, test } from "bun:test"
import { HookEvent } from "~/core/plugins/hook-events"
import { sseResponse } from "../../helpers/fake-server"
import { ACCOUNT_ID, capturedRequest, recorded, startCodexHarness, type CodexHarness } from "./harness"

const codexStream = recorded("ccproxy-api.codex_responses_stream.response.sse")
let harness: CodexHarness
afterEach(() => harness?.stop())

function replayCodexCli(name: string, base: string) {
  const captured = capturedRequest(name)
  const headers = new Headers(captured.headers)
  for (const name of ["host", "content-length", "accept-encoding"]) headers.delete(name)
  return fetch(`${base}/codex/v1/responses`, { method: "POST", headers, body: JSON.stringify(captured.body) })
}

test("the real Codex CLI request: stream passes through byte for byte; upstream gets the ChatGPT headers, never the client's key", async () => {
  harness = await startCodexHarness(() => sseResponse([codexStream]))
  const response = await replayCodexCli("codex-0.171.0-exec-hi.json", harness.url)
  expect(response.status).toBe(200)
  expect(response.headers.get("content-type")).toContain("text/event-stream")
  expect(response.headers.get("x-ccproxy-warnings")).toBeNull()
  expect(await response.text()).toBe(codexStream)

  const upstream = harness.backend.requests[0]!
  expect(new URL(upstream.url).pathname).toBe("/backend-api/codex/responses")
  const headers = upstream.headers
  expect(headers.get("authorization")).toMatch(/^Bearer ey/)
  expect(headers.get("authorization")).not.toContain("sk-mock")
  expect(headers.get("chatgpt-account-id")).toBe(ACCOUNT_ID)
  expect(headers.get("session_id")).toBe("01a2178e-e3a8-7bf2-bf40-70c153349c69")
  expect(headers.get("originator")).toBe("codex_exec")
  expect(headers.get("user-agent")).toStartWith("codex_exec/0.171.0")
  expect(headers.get("version")).toBe("0.171.0")
  expect(headers.get("openai-beta")).toBe("responses=experimental")
  expect(headers.get("accept")).toBe("text/event-stream")
  expect(headers.get("x-codex-turn-metadata")).toContain("installation_id")

  const [body] = await harness.bodies()
  const captured = capturedRequest("codex-0.171.0-exec-hi.json").body
  expect(body).toMatchObject({ model: "gpt-5-codex", stream: true, store: false, prompt_cache_key: captured.prompt_cache_key, include: ["reasoning.encrypted_content"], reasoning: { summary: "auto" } })
  expect(body.tools).toEqual(captured.tools)
  expect(body.instructions).toStartWith("You are a coding agent running in the Codex CLI")
  expect(body.instructions).toContain("<skills_instructions>")
  expect(body.input.map((item: any) => item.role)).toEqual(["user", "user"])
  expect(body.input.at(-1).content).toEqual([{ type: "input_text", text: "hi" }])
})

test("turn two of a tool round trip: reasoning, function call and output go up unchanged", async () => {
  harness = await startCodexHarness(() => sseResponse([codexStream]))
  await (await replayCodexCli("codex-0.171.0-tool-roundtrip-turn2.json", harness.url)).text()
  const [body] = await harness.bodies()
  const captured = capturedRequest("codex-0.171.0-tool-roundtrip-turn2.json").body
  expect(body.input.slice(-3)).toEqual(captured.input.slice(-3))
})

test("a proxy token is checked and never forwarded", async () => {
  harness = await startCodexHarness(() => sseResponse([codexStream]), { "security.auth_token": "proxy-secret" })
  const body = JSON.stringify({ model: "gpt-5.3-codex", input: "hi", stream: true })
  expect((await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body })).status).toBe(401)
  const ok = await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body, headers: { authorization: "Bearer proxy-secret", "x-api-key": "proxy-secret" } })
  expect(ok.status).toBe(200)
  await ok.text()
  const sent = harness.backend.requests[0]!.headers
  expect([...sent.values()].some((value) => value.includes("proxy-secret"))).toBe(false)
  expect(sent.has("x-api-key")).toBe(false)
})

test("codex.rate_limits never reaches the client; it shows in health and the request metadata", async () => {
  const rateLimits = 'event: codex.rate_limits\ndata: {"type":"codex.rate_limits","plan_type":"plus","rate_limits":{"allowed":true,"limit_reached":false,"primary":{"used_percent":7,"window_minutes":300}}}\n\n'
  harness = await startCodexHarness(() => {
    const response = sseResponse([rateLimits, codexStream])
    response.headers.set("x-codex-primary-used-percent", "6")
    return response
  })
  const completed: Record<string, any>[] = []
  harness.app.system.core.hooks.register({ name: "t", plugin: "t", events: [HookEvent.REQUEST_COMPLETED], priority: 1, handler: (event) => void completed.push(event.data) })
  const response = await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: JSON.stringify({ model: "gpt-5.3-codex", input: "hi", stream: true }) })
  expect(response.headers.get("x-codex-primary-used-percent")).toBe("6")
  expect(await response.text()).toBe(codexStream)
  const health = await (await harness.app.request("/plugins/codex/health")).json()
  expect(JSON.stringify(health)).toContain('"last_upstream_status":200')
  expect(JSON.stringify(health)).toMatch(/"rate_limits":\{[^}]*"source":"event","plan_type":"plus","limit_reached":false,"primary":\{"used_percent":7,"window_minutes":300\}/)
  await Bun.sleep(20)
  expect(completed[0]?.codex_rate_limits).toMatchObject({ source: "event", primary: { used_percent: 7 } })
})

test("/codex/responses is an alias for clients whose base URL has no /v1", async () => {
  harness = await startCodexHarness(() => sseResponse([codexStream]))
  const response = await fetch(`${harness.url}/codex/responses`, { method: "POST", body: JSON.stringify({ model: "gpt-5.3-codex", input: "hi", stream: true }) })
  expect(await response.text()).toBe(codexStream)
})
