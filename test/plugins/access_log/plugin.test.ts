import { expect, test } from "bun:test"
import { mkdtempSync, readFileSync, statSync } from "node:fs"
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
