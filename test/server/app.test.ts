import { describe, expect, test } from "bun:test"
import { Type } from "@sinclair/typebox"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { createTestApp } from "../helpers/test-server"

/** A plugin with Anthropic- and OpenAI-shaped routes that parse JSON bodies. */
const echo = defineSystemPlugin({
  name: "echo",
  version: "1.0.0",
  config: Type.Object({ greeting: Type.String({ default: "hi" }) }),
  routes: [
    {
      prefix: "/echo",
      tags: ["echo"],
      build: (app, ctx) =>
        app
          .get("/greeting", () => ({ greeting: ctx.config.greeting }))
          .post("/v1/messages", ({ body }) => ({ got: body }))
          .post("/v1/chat/completions", ({ body }) => ({ got: body })),
    },
  ],
})

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })

describe("health", () => {
  test("/health/live and /health in the health+json shape", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const live = await app.request("/health/live")
    expect(live.headers.get("content-type")).toBe("application/health+json")
    expect(live.headers.get("cache-control")).toBe("no-cache, no-store, must-revalidate")
    expect(await live.json()).toEqual({ status: "pass", version: "0.0.0-test", output: "Application process is running" })
    const health = (await (await app.request("/health")).json()) as Record<string, unknown>
    expect(health).toMatchObject({ status: "pass", serviceId: "claude-code-proxy", description: "CCProxy API Server" })
  })

  test("/health/ready is 503 until plugins have initialized", async () => {
    const app = await createTestApp({ plugins: [echo], initialize: false })
    expect((await app.request("/health/ready")).status).toBe(503)
    expect((await app.request("/echo/greeting")).status).toBe(503)
    await app.system.registry.initializeAll()
    const ready = await app.request("/health/ready")
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: "pass", version: "0.0.0-test", output: "Service is ready to accept traffic" })
    expect(await (await app.request("/echo/greeting")).json()).toEqual({ greeting: "hi" })
  })
})

describe("plugin management routes", () => {
  test("/plugins lists plugins; /plugins/{name}/health answers, 404 for unknown", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const listed = (await (await app.request("/plugins")).json()) as { plugins: unknown[]; total: number }
    expect(listed.plugins).toContainEqual({ name: "access_log", type: "system", status: "active", version: "1.0.0" })
    expect(listed.plugins).toContainEqual({ name: "echo", type: "system", status: "active", version: "1.0.0" })
    expect(listed.total).toBe(listed.plugins.length)
    const health = await (await app.request("/plugins/echo/health")).json()
    expect(health).toMatchObject({ plugin: "echo", status: "healthy", adapter_loaded: true })
    const missing = await app.request("/plugins/nope/health")
    expect(missing.status).toBe(404)
  })

  test("plugin routes are mounted with their prefix and listed in the OpenAPI document with their tags", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const spec = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> }
    expect(spec.paths["/echo/greeting"]?.get?.tags).toEqual(["echo"])
    expect(spec.paths["/health"]).toBeDefined()
    expect((await app.request("/docs")).status).toBe(200)
  })
})

describe("request id", () => {
  test("echoes the client's id, else generates one, on every response including errors", async () => {
    const app = await createTestApp()
    expect((await app.request("/health", { headers: { "x-request-id": "abc-123" } })).headers.get("x-request-id")).toBe("abc-123")
    expect((await app.request("/nowhere")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    expect((await app.request("/health", { headers: { "x-request-id": "bad id with spaces" } })).headers.get("x-request-id")).not.toBe("bad id with spaces")
  })
})

describe("security.auth_token", () => {
  const settings = { "security.auth_token": "s3cret-token-value" }

  test("accepted as Bearer or x-api-key, refused otherwise, never required on /health", async () => {
    const app = await createTestApp({ plugins: [echo], settings })
    expect((await app.request("/echo/greeting", { headers: { authorization: "Bearer s3cret-token-value" } })).status).toBe(200)
    expect((await app.request("/echo/greeting", { headers: { "x-api-key": "s3cret-token-value" } })).status).toBe(200)
    expect((await app.request("/echo/greeting")).status).toBe(401)
    expect((await app.request("/echo/greeting", { headers: { authorization: "Bearer wrong" } })).status).toBe(401)
    expect((await app.request("/plugins")).status).toBe(401)
    for (const path of ["/health", "/health/live", "/health/ready"]) expect((await app.request(path)).status).toBe(200)
  })

  test("the 401 is in the route's API shape", async () => {
    const app = await createTestApp({ plugins: [echo], settings })
    const anthropic = await app.request("/echo/v1/messages", json({}))
    expect(anthropic.status).toBe(401)
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } })
    const openai = await app.request("/echo/v1/chat/completions", json({}))
    expect(await openai.json()).toMatchObject({ error: { type: "authentication_error" } })
    expect(openai.headers.get("www-authenticate")).toContain("Bearer")
  })
})

describe("bad input", () => {
  test("malformed JSON gets 400 in the route's shape", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const response = await app.request("/echo/v1/messages", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "Request body is not valid JSON" } })
  })

  test("a body over server.max_body_bytes gets 413", async () => {
    const app = await createTestApp({ plugins: [echo], settings: { "server.max_body_bytes": 2048 } })
    const body = JSON.stringify({ text: "x".repeat(4096) })
    const headers = { "content-type": "application/json", "content-length": String(body.length) }
    const response = await app.request("/echo/v1/chat/completions", { method: "POST", headers, body })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("server.max_body_bytes")
  })

  test("unknown routes are 404 in the route's shape", async () => {
    const app = await createTestApp()
    const response = await app.request("/nowhere/v1/messages", json({}))
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } })
  })

  test("the wrong method on an existing path is a 405 naming the right one, in the route's shape", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const anthropic = await app.request("/echo/v1/messages")
    expect(anthropic.status).toBe(405)
    expect(anthropic.headers.get("allow")).toBe("POST")
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "Method GET is not allowed on /echo/v1/messages; use POST" } })
    const openai = await app.request("/echo/greeting", json({}))
    expect(openai.status).toBe(405)
    expect(await openai.json()).toMatchObject({ error: { message: "Method POST is not allowed on /echo/greeting; use GET" } })
    expect((await app.request("/echo/v1/nothing")).status).toBe(404)
  })

  test("a route that throws gets a 500 without internals, and the server keeps serving", async () => {
    const broken = defineSystemPlugin({ name: "broken", version: "1", routes: [{ prefix: "/broken", build: (app) => app.get("/", () => { throw new TypeError("secret internals") }) }] })
    const app = await createTestApp({ plugins: [broken] })
    const response = await app.request("/broken")
    expect(response.status).toBe(500)
    expect(JSON.stringify(await response.json())).not.toContain("secret internals")
    expect((await app.request("/health")).status).toBe(200)
  })
})

describe("cors", () => {
  test("off by default; on for listed origins, with preflight", async () => {
    const off = await createTestApp()
    expect((await off.request("/health", { headers: { origin: "http://localhost:3000" } })).headers.get("access-control-allow-origin")).toBeNull()
    const app = await createTestApp({ settings: { "cors.origins": ["http://localhost:*"] } })
    const preflight = await app.request("/plugins", { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000")
    expect((await app.request("/health", { headers: { origin: "http://localhost:3000" } })).headers.get("access-control-allow-origin")).toBe("http://localhost:3000")
    expect((await app.request("/health", { headers: { origin: "https://evil.example" } })).headers.get("access-control-allow-origin")).toBeNull()
  })
})

describe("hardening", () => {
  test("the token is accepted from either header when a client sends both", async () => {
    const app = await createTestApp({ plugins: [echo], settings: { "security.auth_token": "s3cret-token-value" } })
    const response = await app.request("/echo/greeting", { headers: { authorization: "Bearer sk-ant-some-client-key", "x-api-key": "s3cret-token-value" } })
    expect(response.status).toBe(200)
  })

  test("a web page's cross-origin request is refused; SDKs (no Origin) and /health are not", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const fromPage = await app.request("/echo/v1/messages", { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: "{}" })
    expect(fromPage.status).toBe(403)
    expect(await fromPage.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } })
    expect((await app.request("/echo/v1/messages", json({ a: 1 }))).status).toBe(200)
    expect((await app.request("/health", { headers: { origin: "https://evil.example" } })).status).toBe(200)
    const allowed = await createTestApp({ plugins: [echo], settings: { "cors.origins": ["https://my.app"] } })
    expect((await allowed.request("/echo/greeting", { headers: { origin: "https://my.app" } })).status).toBe(200)
  })

  test("on loopback, a request for another host name is refused (DNS rebinding)", async () => {
    const app = await createTestApp({ plugins: [echo] })
    const rebound = await app.handle(new Request("http://attacker.example:8000/echo/greeting", { headers: { host: "attacker.example:8000" } }), "127.0.0.1")
    expect(rebound.status).toBe(403)
    const local = await app.handle(new Request("http://localhost:8000/echo/greeting", { headers: { host: "localhost:8000" } }), "127.0.0.1")
    expect(local.status).toBe(200)
  })

  test("hooks never see the client's credentials", async () => {
    const seen: Headers[] = []
    const app = await createTestApp({ plugins: [echo], settings: { "security.auth_token": "s3cret-token-value" } })
    app.system.core.hooks.register({ name: "spy", plugin: "t", events: ["request.started"], priority: 1, handler: (event) => void seen.push(event.data.headers as Headers) })
    await app.request("/echo/greeting", { headers: { authorization: "Bearer s3cret-token-value", "x-api-key": "s3cret-token-value", cookie: "a=b" } })
    await Bun.sleep(5)
    expect(seen[0]!.get("authorization")).toBe("[redacted]")
    expect(JSON.stringify([...seen[0]!])).not.toContain("s3cret")
  })
})
