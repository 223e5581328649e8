import { expect, test } from "bun:test"
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HookEvent } from "~/core/plugins/hook-events"
import { createTestApp } from "../../helpers/test-server"

async function waitForLines(path: string, count: number): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    try {
      const lines = readFileSync(path, "utf8").trim().split("\n").filter(Boolean)
      if (lines.length >= count) return lines
    } catch {}
    await Bun.sleep(10)
  }
  throw new Error(`fewer than ${count} lines in ${path}`)
}

test("client lines to a file, health excluded, flushed at shutdown; provider lines from provider hooks", async () => {
  const dir = mkdtempSync(join(tmpdir(), "access-log-"))
  const file = join(dir, "logs", "access.log")
  const app = await createTestApp({
    settings: {
      "plugins.access_log.client_log_file": file,
      "plugins.access_log.client_enabled": true,
      "plugins.access_log.provider_enabled": true,
      "plugins.access_log.provider_log_file": file,
      "plugins.access_log.client_format": "structured",
      "plugins.access_log.flush_interval": 60,
    },
  })
  await app.request("/health")
  await app.request("/plugins", { headers: { "x-request-id": "req-1", "user-agent": "test-agent" } })
  await app.request("/missing")
  app.system.core.hooks.emit(HookEvent.PROVIDER_RESPONSE_RECEIVED, { method: "POST", url: "https://api.anthropic.com/v1/messages", status_code: 200, duration_ms: 900, model: "claude-sonnet-4-5", tokens_input: 10, tokens_output: 5 }, { requestId: "req-1", provider: "claude_api" })
  await Bun.sleep(20)
  await app.system.registry.shutdownAll()
  const lines = (await waitForLines(file, 3)).map((line) => JSON.parse(line))
  expect(lines).toHaveLength(3)
  expect(lines[0]).toMatchObject({ request_id: "req-1", method: "GET", path: "/plugins", status_code: 200, user_agent: "test-agent", client_ip: "127.0.0.1" })
  expect(lines[1]).toMatchObject({ path: "/missing", status_code: 404 })
  expect(lines[2]).toMatchObject({ request_id: "req-1", path: "/v1/messages", status_code: 200, service_type: "claude_api", model: "claude-sonnet-4-5", tokens_input: 10, tokens_output: 5 })
  expect(statSync(file).mode & 0o777).toBe(0o600)
})

test("turned off by plugins.access_log.enabled = false", async () => {
  const app = await createTestApp({ settings: { "plugins.access_log.enabled": false } })
  expect(app.system.registry.get("access_log")?.reason).toBe("plugins.access_log.enabled is false")
})

test("a streamed response is logged when its stream ends, with its size", async () => {
  const dir = mkdtempSync(join(tmpdir(), "access-log-"))
  const file = join(dir, "access.log")
  const { defineSystemPlugin } = await import("~/core/plugins/factory")
  const streamer = defineSystemPlugin({
    name: "streamer",
    version: "1",
    routes: [{ prefix: "/stream", build: (app) => app.get("/", () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("data: 1\n\n")); c.close() } }), { headers: { "content-type": "text/event-stream" } })) }],
  })
  const app = await createTestApp({ plugins: [streamer], settings: { "plugins.access_log.client_log_file": file, "plugins.access_log.client_enabled": true, "plugins.access_log.buffer_size": 1 } })
  const response = await app.request("/stream")
  expect(await response.text()).toBe("data: 1\n\n")
  const [line] = await waitForLines(file, 1)
  expect(JSON.parse(line!)).toMatchObject({ path: "/stream", status_code: 200, body_size: 9 })
  await app.system.registry.shutdownAll()
})

test("query strings and referers are redacted; the log directory is created 0700", async () => {
  const dir = mkdtempSync(join(tmpdir(), "access-log-"))
  const file = join(dir, "logs", "access.log")
  const settings = { "plugins.access_log.client_log_file": file, "plugins.access_log.client_enabled": true, "plugins.access_log.buffer_size": 1 }
  for (const format of ["structured", "combined"] as const) {
    const app = await createTestApp({ settings: { ...settings, "plugins.access_log.client_format": format } })
    await app.request("/missing?api_key=KEY-SECRET-1&q=cats&code=ONE-TIME-CODE-2&access_token=TOKEN-SECRET-3&x=Bearer%20abcdefghijklmnop", {
      headers: { referer: "https://user:PASS-SECRET-4@app.example/cb?token=TOKEN-SECRET-5&page=2" },
    })
    await Bun.sleep(20)
    await app.system.registry.shutdownAll()
  }
  const text = readFileSync(file, "utf8")
  for (const secret of ["KEY-SECRET-1", "ONE-TIME-CODE-2", "TOKEN-SECRET-3", "PASS-SECRET-4", "TOKEN-SECRET-5", "abcdefghijklmnop"]) expect(text).not.toContain(secret)
  const [structured] = text.trim().split("\n")
  expect(JSON.parse(structured!)).toMatchObject({ query: expect.stringContaining("q=cats"), referer: expect.stringContaining("page=2") })
  expect(text).toContain("api_key=[redacted]")
  expect(statSync(join(dir, "logs")).mode & 0o777).toBe(0o700)
})

test("a symlink at the log file's name, or a directory writable by others, is refused", async () => {
  const { chmodSync, symlinkSync, writeFileSync } = await import("node:fs")
  const dir = mkdtempSync(join(tmpdir(), "access-log-"))
  const victim = join(mkdtempSync(join(tmpdir(), "victim-")), "victim.txt")
  writeFileSync(victim, "untouched")
  symlinkSync(victim, join(dir, "access.log"))
  const shared = mkdtempSync(join(tmpdir(), "access-log-shared-"))
  chmodSync(shared, 0o777)
  for (const file of [join(dir, "access.log"), join(shared, "access.log")]) {
    const app = await createTestApp({ settings: { "plugins.access_log.client_log_file": file, "plugins.access_log.client_enabled": true, "plugins.access_log.buffer_size": 1 } })
    await app.request("/missing")
    await Bun.sleep(20)
    await app.system.registry.shutdownAll()
  }
  expect(readFileSync(victim, "utf8")).toBe("untouched")
  expect(readdirSync(shared)).toEqual([])
})

test("cost_usd comes from the pricing service when the event has none", async () => {
  const { defineSystemPlugin } = await import("~/core/plugins/factory")
  const pricing = defineSystemPlugin({
    name: "fake_pricing",
    version: "1",
    setup(context) {
      context.services.register("pricing", { costForRequest: (data: Record<string, unknown>) => (data.model === "m" ? Number(data.tokens_input) * 0.001 : null) }, context.name)
    },
  })
  const dir = mkdtempSync(join(tmpdir(), "access-log-"))
  const file = join(dir, "access.log")
  const app = await createTestApp({
    plugins: [pricing],
    settings: { "plugins.pricing.enabled": false, "plugins.access_log.client_log_file": file, "plugins.access_log.client_enabled": true, "plugins.access_log.buffer_size": 1 },
  })
  await app.system.core.hooks.emitAndWait(HookEvent.REQUEST_COMPLETED, { method: "POST", path: "/x/v1/messages", model: "m", provider: "x", response_status: 200, tokens_input: 1000, tokens_output: 5 }, { requestId: "priced-1" })
  await app.system.registry.shutdownAll()
  const [line] = await waitForLines(file, 1)
  expect(JSON.parse(line!)).toMatchObject({ request_id: "priced-1", cost_usd: 1 })
})
