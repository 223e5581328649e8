import { afterEach, describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { HookEvent } from "~/core/plugins/hook-events"
import { factory as metricsFactory } from "../../../plugins/metrics/plugin"
import { factory as pricingFactory } from "../../../plugins/pricing/plugin"
import { startFakeServer, sseResponse } from "../../helpers/fake-server"
import { FakeCredentials, fakeProvider } from "../../helpers/fake-provider"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"
import { parseExposition, sampleValue, type Family } from "./exposition-parser"
import { PROMTOOL, promtoolCheck } from "./promtool"

const anthropicStream = readFileSync(join(import.meta.dir, "../../fixtures/upstream/recorded/anthropic-tool_use.0.response.sse"), "utf8")
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const message = (usage: Record<string, number>) => ({ id: "msg_1", type: "message", role: "assistant", model: "m", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage })

/** A fake Anthropic upstream: model "rate-limited" gets a 429, stream requests the recorded stream, the rest a JSON message with cache usage. */
function anthropicUpstream() {
  return startFakeServer(async (request) => {
    const body = (await request.json()) as { model: string; stream?: boolean }
    if (body.model === "rate-limited") return Response.json({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }, { status: 429 })
    if (body.stream) return sseResponse([anthropicStream])
    return Response.json(message({ input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 }))
  })
}

async function setup(settings: Record<string, unknown> = {}, plugins = [pricingFactory, metricsFactory]) {
  const upstream = anthropicUpstream()
  const target = { url: `${upstream.url}/v1/messages` }
  const app = await createTestApp({ plugins: [...plugins, fakeProvider({ upstreamUrl: () => target.url, providerFormat: "anthropic.messages", credentials: new FakeCredentials() })], settings })
  cleanups.push(() => upstream.stop(), () => app.system.registry.shutdownAll())
  return { app, upstream, target }
}

const send = (app: InProcessApp, model: string, extra: Record<string, unknown> = {}) =>
  app.request("/fake/v1/messages", { method: "POST", body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: "user", content: "hi" }], ...extra }) }).then(async (response) => {
    await response.text()
    return response
  })

/** Scrapes /metrics until `ready` holds (hooks run after the response), then parses it strictly. */
async function scrape(app: InProcessApp, ready: (families: Map<string, Family>) => boolean = () => true, init?: RequestInit) {
  let text = ""
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await app.request("/metrics", init)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8")
    text = await response.text()
    if (ready(parseExposition(text))) break
    await Bun.sleep(10)
  }
  return { text, families: parseExposition(text) }
}

// An optional second parser from npm; not a dependency, so it runs only where it is installed.
const THIRD_PARTY_PARSER: string = "parse-prometheus-text-format"
const thirdPartyParser: ((text: string) => unknown) | undefined = await import(THIRD_PARTY_PARSER).then((module) => module.default, () => undefined)
let scrapedAfterTraffic = ""

const LABELS = { provider: "fake", endpoint: "/fake/v1/messages", client_format: "anthropic.messages" }

describe("GET /metrics end to end through a fake upstream", () => {
  test("requests, durations, TTFT, tokens, cost, cache ratio, errors, streams and refreshes", async () => {
    const { app, target, upstream } = await setup()
    expect((await send(app, "claude-sonnet-4-5")).status).toBe(200)
    expect((await send(app, "claude-sonnet-4-5")).status).toBe(200)
    expect((await send(app, "claude-haiku-4-5", { stream: true })).status).toBe(200)
    expect((await send(app, "rate-limited")).status).toBe(429)
    expect((await send(app, "mystery-model")).status).toBe(200)
    target.url = "http://127.0.0.1:1/v1/messages"
    expect((await send(app, "claude-sonnet-4-5")).status).toBe(502)
    target.url = `${upstream.url}/v1/messages`
    app.system.core.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider: "claude", ok: true })
    app.system.core.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider: "claude", ok: false, error: "invalid_grant" })

    const { text, families } = await scrape(app, (f) => (sampleValue(f, "ccproxy_requests_total", { model: "claude-sonnet-4-5", status: "502" }) ?? 0) >= 1 && sampleValue(f, "ccproxy_token_refreshes_total", { result: "failure" }) === 1)
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels)

    expect(value("ccproxy_requests_total", { ...LABELS, model: "claude-sonnet-4-5", status: "200" })).toBe(2)
    expect(value("ccproxy_requests_total", { ...LABELS, model: "claude-haiku-4-5", status: "200" })).toBe(1)
    // A model upstream never answered for gets no label slot of its own.
    expect(value("ccproxy_requests_total", { ...LABELS, model: "other", status: "429" })).toBe(1)
    expect(families.get("ccproxy_requests_total")!.samples.some((s) => s.labels.endpoint === "/metrics")).toBe(false)
    expect(value("ccproxy_request_duration_seconds_count", { provider: "fake", model: "claude-sonnet-4-5" })).toBe(3)
    expect(value("ccproxy_upstream_duration_seconds_count", { provider: "fake", model: "claude-sonnet-4-5" })).toBe(2)
    expect(value("ccproxy_time_to_first_token_seconds_count", { provider: "fake", model: "claude-haiku-4-5" })).toBe(1)
    expect(value("ccproxy_time_to_first_token_seconds_count", { model: "claude-sonnet-4-5" })).toBeUndefined()

    const tokens = (model: string, type: string) => value("ccproxy_tokens_total", { provider: "fake", model, type })
    expect([tokens("claude-sonnet-4-5", "input"), tokens("claude-sonnet-4-5", "output"), tokens("claude-sonnet-4-5", "cache_read"), tokens("claude-sonnet-4-5", "cache_write")]).toEqual([200, 40, 2000, 400])
    expect([tokens("claude-haiku-4-5", "input"), tokens("claude-haiku-4-5", "output")]).toEqual([394, 67])

    // Sonnet 4.5, two requests: 2 × (100×$3 + 20×$15 + 1000×$0.30 + 200×$3.75) per million = $0.0033
    const cost = (model: string, type: string) => value("ccproxy_cost_usd_total", { provider: "fake", model, type }) ?? 0
    expect(cost("claude-sonnet-4-5", "input")).toBeCloseTo(0.0006, 12)
    expect(cost("claude-sonnet-4-5", "cache_write")).toBeCloseTo(0.0015, 12)
    expect(["input", "output", "cache_read", "cache_write"].reduce((sum, type) => sum + cost("claude-sonnet-4-5", type), 0)).toBeCloseTo(0.0033, 12)
    // Haiku 4.5 stream: 394×$1 + 67×$5 per million
    expect(cost("claude-haiku-4-5", "input") + cost("claude-haiku-4-5", "output")).toBeCloseTo(0.000729, 12)
    expect(families.get("ccproxy_cost_usd_total")!.samples.some((s) => s.labels.model === "mystery-model")).toBe(false)
    expect(value("ccproxy_unpriced_requests_total", { provider: "fake", model: "mystery-model" })).toBe(1)

    expect(value("ccproxy_prompt_cache_hit_ratio", { provider: "fake", model: "claude-sonnet-4-5" })).toBeCloseTo(1000 / 1300, 12)
    expect(value("ccproxy_prompt_cache_hit_ratio", { provider: "fake", model: "claude-haiku-4-5" })).toBe(0)
    expect(value("ccproxy_upstream_errors_total", { provider: "fake", kind: "rate_limited" })).toBe(1)
    expect(value("ccproxy_upstream_errors_total", { provider: "fake", kind: "unreachable" })).toBe(1)
    expect(value("ccproxy_active_streams", { provider: "fake" })).toBe(0)
    expect(value("ccproxy_token_refreshes_total", { provider: "claude", result: "success" })).toBe(1)
    expect(value("ccproxy_info", { version: "0.0.0-test" })).toBe(1)
    scrapedAfterTraffic = text
  })

  test.skipIf(!PROMTOOL)("promtool check metrics accepts the scrape", async () => {
    expect(scrapedAfterTraffic).toContain("ccproxy_cost_usd_total{")
    const result = await promtoolCheck(scrapedAfterTraffic)
    expect(result.output).toBe("")
    expect(result.exitCode).toBe(0)
  })

  test.skipIf(!thirdPartyParser)("parse-prometheus-text-format (npm) reads the scrape", () => {
    const families = thirdPartyParser!(scrapedAfterTraffic) as Array<{ name: string; type: string; metrics: unknown[] }>
    expect(families.find((family) => family.name === "ccproxy_request_duration_seconds")).toMatchObject({ type: "HISTOGRAM" })
    expect(families.find((family) => family.name === "ccproxy_requests_total")!.metrics.length).toBeGreaterThan(2)
  })

  test("an open stream shows in active_streams until it ends", async () => {
    let release!: () => void
    const upstream = startFakeServer(() => {
      const encoder = new TextEncoder()
      const [head, tail] = [anthropicStream.slice(0, 400), anthropicStream.slice(400)]
      return new Response(new ReadableStream({
        async start(controller) {
          controller.enqueue(encoder.encode(head))
          await new Promise<void>((resolve) => (release = resolve))
          controller.enqueue(encoder.encode(tail))
          controller.close()
        },
      }), { headers: { "content-type": "text/event-stream" } })
    })
    const app = await createTestApp({ plugins: [metricsFactory, fakeProvider({ upstreamUrl: () => `${upstream.url}/v1/messages`, providerFormat: "anthropic.messages", credentials: new FakeCredentials() })], settings: { "plugins.pricing.enabled": false } })
    cleanups.push(() => upstream.stop(), () => app.system.registry.shutdownAll())
    const response = await app.request("/fake/v1/messages", { method: "POST", body: JSON.stringify({ model: "claude-haiku-4-5", stream: true, messages: [] }) })
    const reader = response.body!.getReader()
    await reader.read()
    const during = await scrape(app, (f) => sampleValue(f, "ccproxy_active_streams", { provider: "fake" }) === 1)
    expect(sampleValue(during.families, "ccproxy_active_streams", { provider: "fake" })).toBe(1)
    release()
    while (!(await reader.read()).done) {}
    const after = await scrape(app, (f) => sampleValue(f, "ccproxy_active_streams", { provider: "fake" }) === 0)
    expect(sampleValue(after.families, "ccproxy_active_streams", { provider: "fake" })).toBe(0)
    // Without the pricing plugin there is no cost, and no guess either.
    expect(after.families.get("ccproxy_cost_usd_total")!.samples).toHaveLength(0)
  })

  test("distinct models beyond max_label_values are counted as other", async () => {
    const { app } = await setup({ "plugins.metrics.max_label_values": 2 })
    for (const model of ["m-1", "m-2", "m-3", "m-4"]) await send(app, model)
    const { families } = await scrape(app, (f) => sampleValue(f, "ccproxy_requests_total", { model: "other" }) === 2)
    expect(families.get("ccproxy_requests_total")!.samples.map((s) => s.labels.model).sort()).toEqual(["m-1", "m-2", "other"])
  })

  test("with security.auth_token set, /metrics needs the bearer token", async () => {
    const { app } = await setup({ "security.auth_token": "scrape-secret" })
    expect((await app.request("/metrics")).status).toBe(401)
    const { families } = await scrape(app, undefined, { headers: { authorization: "Bearer scrape-secret" } })
    expect(families.has("ccproxy_requests_total")).toBe(true)
  })

  test("metrics_endpoint_enabled = false serves no /metrics", async () => {
    const { app } = await setup({ "plugins.metrics.metrics_endpoint_enabled": false })
    expect((await app.request("/metrics")).status).toBe(404)
  })

  test("pushes to a Pushgateway with PUT /metrics/job/<job>", async () => {
    const pushes: Array<{ method: string; path: string; body: string }> = []
    const gateway = startFakeServer(async (request) => {
      pushes.push({ method: request.method, path: new URL(request.url).pathname, body: await request.text() })
      return new Response(null, { status: 200 })
    })
    cleanups.push(() => gateway.stop())
    await setup({ "plugins.metrics.pushgateway_enabled": true, "plugins.metrics.pushgateway_url": `${gateway.url}/`, "plugins.metrics.pushgateway_job": "my ccproxy" })
    for (let i = 0; i < 200 && pushes.length === 0; i++) await Bun.sleep(10)
    expect(pushes[0]).toMatchObject({ method: "PUT", path: "/metrics/job/my%20ccproxy" })
    expect(parseExposition(pushes[0]!.body).has("ccproxy_info")).toBe(true)
  })
})
