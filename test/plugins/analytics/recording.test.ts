import { existsSync } from "node:fs"
import { afterEach, describe, expect, test } from "bun:test"
import { Database } from "bun:sqlite"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { factory } from "../../../plugins/analytics/plugin"
import type { PricingService } from "../../../plugins/analytics/row"
import { FakeCredentials, fakeProvider } from "../../helpers/fake-provider"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { createTestApp } from "../../helpers/test-server"
import { eventually, tempDatabasePath } from "./helpers"

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const anthropicJson = () =>
  Response.json({ id: "msg", type: "message", role: "assistant", model: "long-model-name", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 30, cache_creation_input_tokens: 2 } })

const anthropicStream = () =>
  sseResponse([
    `event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"long-model-name","content":[],"usage":{"input_tokens":10,"output_tokens":1,"cache_read_input_tokens":30,"cache_creation_input_tokens":2}}}\n\n`,
    `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n`,
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}\n\n`,
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`,
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":4}}\n\n`,
    `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
  ])

/** $1 per input token, $10 per output, $0.1 per cache read, $2 per cache write: easy to check by hand. */
const fakePricing = defineSystemPlugin({
  name: "fake_pricing",
  version: "1.0.0",
  setup(context) {
    const pricing: PricingService = { costFor: (model, t) => (model === "long-model-name" ? t.input + 10 * t.output + 0.1 * t.cacheRead + 2 * t.cacheWrite : null) }
    context.services.register("pricing", pricing, context.name)
  },
})

async function serve(upstream: (request: Request) => Response | Promise<Response>, options: { providerFormat?: "anthropic.messages" | "openai.chat_completions"; settings?: Record<string, unknown>; pricing?: boolean } = {}) {
  const fake = startFakeServer(upstream)
  const path = tempDatabasePath()
  const plugins = [factory, fakeProvider({ upstreamUrl: () => `${fake.url}/v1`, providerFormat: options.providerFormat ?? "anthropic.messages", credentials: new FakeCredentials() })]
  const app = await createTestApp({
    plugins: options.pricing ? [...plugins, fakePricing] : plugins,
    settings: { "plugins.analytics.database_path": path, "plugins.analytics.flush_interval": 0.1, "plugins.pricing.enabled": false, ...options.settings },
  })
  cleanups.push(() => fake.stop(), () => app.system.registry.shutdownAll())
  const count = () => {
    // The database is created (and its table) by the first write.
    if (!existsSync(path)) return 0
    const db = new Database(path, { readonly: true })
    try {
      // The worker may be migrating (holding the lock) at this moment.
      db.run("PRAGMA busy_timeout = 2000")
      if (!db.query("SELECT 1 FROM sqlite_master WHERE name = 'access_logs'").get()) return 0
      return db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM access_logs").get()!.n
    } finally {
      db.close()
    }
  }
  return { app, path, count }
}

const messages = (id: string, stream: boolean) =>
  new Request("http://localhost/fake/v1/messages", { method: "POST", headers: { "x-request-id": id }, body: JSON.stringify({ model: "short", max_tokens: 10, stream, messages: [{ role: "user", content: "hi" }] }) })

const anthropicUpstream = async (request: Request) => (((await request.json()) as { stream?: boolean }).stream ? anthropicStream() : anthropicJson())

describe("recording provider requests", () => {
  test("1000 concurrent requests, a quarter streamed: 1000 rows, none lost, each complete", async () => {
    const { app, path, count } = await serve(anthropicUpstream, { settings: { "plugins.analytics.batch_size": 100 } })
    const ids = Array.from({ length: 1000 }, (_, i) => `load-${i}`)
    const responses = await Promise.all(ids.map(async (id, i) => {
      const response = await app.handle(messages(id, i % 4 === 0), "127.0.0.1")
      await response.text()
      return response.status
    }))
    expect(responses.every((status) => status === 200)).toBe(true)
    await eventually(() => (count() === 1000 ? true : undefined), 10_000)
    const db = new Database(path, { readonly: true })
    const rows = db.query<Record<string, any>, []>("SELECT * FROM access_logs").all()
    db.close()
    expect(new Set(rows.map((row) => row.request_id))).toEqual(new Set(ids))
    expect(rows.filter((row) => row.streaming === 1)).toHaveLength(250)
    for (const row of rows) {
      expect(row).toMatchObject({ provider: "fake", endpoint: "/fake/v1/messages", client_format: "anthropic.messages", model: "short", upstream_model: "long-model-name", status_code: 200 })
      expect(row).toMatchObject({ tokens_input: 10, tokens_output: 4, tokens_cache_read: 30, tokens_cache_write: 2, error_type: null })
      expect(row.duration_ms).toBeGreaterThanOrEqual(0)
      if (row.streaming) expect(row.ttft_ms).toBeGreaterThanOrEqual(0)
    }
  }, 60_000)

  test("cost from the pricing service; OpenAI input counted without its cached part; conversion warnings kept", async () => {
    const chat = () => Response.json({ id: "c", object: "chat.completion", model: "long-model-name", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 100, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 3 } } })
    const { app } = await serve(chat, { providerFormat: "openai.chat_completions", pricing: true })
    const request = messages("priced", false)
    const body = { ...((await request.json()) as Record<string, unknown>), top_k: 5 }
    const response = await app.handle(new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify(body) }), "127.0.0.1")
    expect(response.status).toBe(200)
    await response.text()
    const page = await eventually(async () => {
      const result = (await (await app.request("/logs/query")).json()) as any
      return result.count ? result : undefined
    })
    const row = page.results[0]
    expect(row).toMatchObject({ request_id: "priced", provider_format: "openai.chat_completions", tokens_input: 60, tokens_output: 10, tokens_cache_read: 40, tokens_reasoning: 3 })
    expect(row.cost_usd).toBeCloseTo(60 + 100 + 4, 10)
    expect(row.conversion_warnings).toEqual([expect.objectContaining({ code: "field_dropped", path: "top_k" })])
  })

  test("upstream errors are recorded with their type; requests to no provider are not", async () => {
    const { app, count } = await serve(() => Response.json({ type: "error", error: { type: "overloaded_error", message: "busy" } }, { status: 529 }))
    await (await app.handle(messages("failed", false), "127.0.0.1")).text()
    await app.request("/plugins")
    const page = await eventually(async () => {
      const result = (await (await app.request("/logs/query")).json()) as any
      return result.count ? result : undefined
    })
    expect(page.results).toEqual([expect.objectContaining({ request_id: "failed", status_code: 529, error_type: "upstream_529", cost_usd: null })])
    await Bun.sleep(150)
    expect(count()).toBe(1)
  })

  test("a client leaving mid-stream is recorded as client_disconnected, which is not an error", async () => {
    const start = `event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}\n\n`
    const slow = () => new Response(new ReadableStream({ async start(controller) { controller.enqueue(new TextEncoder().encode(start)); await Bun.sleep(1000); controller.close() } }), { headers: { "content-type": "text/event-stream" } })
    const { app } = await serve(slow)
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
    cleanups.push(() => server.stop(true))
    const abort = new AbortController()
    const response = await fetch(`http://127.0.0.1:${server.port}/fake/v1/messages`, { method: "POST", signal: abort.signal, headers: { "x-request-id": "left" }, body: JSON.stringify({ model: "short", max_tokens: 5, stream: true, messages: [{ role: "user", content: "hi" }] }) })
    await response.body!.getReader().read()
    abort.abort()
    const report = await eventually(async () => {
      const body = (await (await app.request("/logs/analytics")).json()) as any
      return body.summary.requests ? body : undefined
    })
    expect(report.summary).toMatchObject({ requests: 1, error_requests: 0 })
    const row = ((await (await app.request("/logs/query")).json()) as any).results[0]
    expect(row).toMatchObject({ request_id: "left", streaming: true, error_type: "client_disconnected" })
  })

  test("a locked database never holds up a request; rows wait and are written once it is free", async () => {
    const { app, path, count } = await serve(anthropicUpstream, { settings: { "plugins.analytics.batch_size": 1 } })
    const locker = new Database(path)
    locker.run("BEGIN EXCLUSIVE")
    const started = performance.now()
    for (let i = 0; i < 5; i++) expect((await app.handle(messages(`locked-${i}`, false), "127.0.0.1")).status).toBe(200)
    expect(performance.now() - started).toBeLessThan(1000)
    await Bun.sleep(300)
    const pending = ((await (await app.request("/plugins/analytics/health")).json()) as any).details.pending
    expect(pending).toBeGreaterThan(0)
    locker.run("COMMIT")
    locker.close()
    await eventually(() => (count() === 5 ? true : undefined))
  })

  test("the database is not opened until there is something to record; one from a newer ccproxy is refused, loudly, without touching requests", async () => {
    const { app, path } = await serve(anthropicUpstream)
    const health = async () => ((await (await app.request("/plugins/analytics/health")).json()) as any).details
    expect(existsSync(path)).toBe(false)
    expect(await health()).toMatchObject({ worker_started: false, written: 0 })
    const newer = new Database(path)
    newer.run("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    newer.run("INSERT INTO schema_version (version) VALUES (99)")
    newer.close()
    expect((await app.handle(messages("too-new", false), "127.0.0.1")).status).toBe(200)
    const details = await eventually(async () => {
      const current = await health()
      return current.error ? current : undefined
    })
    expect(details).toMatchObject({ worker_started: true, written: 0, pending: 1, error: expect.stringContaining("has analytics schema version 99; this ccproxy knows up to 1") })
    expect(((await (await app.request("/plugins/analytics/health")).json()) as any).status).toBe("unhealthy")
    expect(new Database(path, { readonly: true }).query("SELECT MAX(version) AS v FROM schema_version").get()).toEqual({ v: 99 })
  })

  test("shutdown writes what is still pending", async () => {
    const { app, count } = await serve(anthropicUpstream, { settings: { "plugins.analytics.flush_interval": 60 } })
    await (await app.handle(messages("last", false), "127.0.0.1")).text()
    await Bun.sleep(20)
    expect(count()).toBe(0)
    await app.system.registry.shutdownAll()
    expect(count()).toBe(1)
  })
})
