import { afterEach, describe, expect, test } from "bun:test"
import { factory } from "../../../plugins/analytics/plugin"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"
import { seedRows, tempDatabasePath } from "./helpers"

const TEN = Date.UTC(2025, 0, 1, 10, 0, 0)
const ELEVEN = TEN + 3_600_000
const sonnet = { model: "sonnet", upstream_model: "claude-sonnet-4-5" }
const gpt = { provider: "codex", provider_format: "openai.responses", model: "gpt-5" }

/** Six requests in two hours, plus one the day before that filters must leave out. */
const ROWS = [
  { ...sonnet, timestamp: TEN + 1, duration_ms: 100, ttft_ms: 50, tokens_input: 100, tokens_output: 10, tokens_cache_read: 300, tokens_cache_write: 0, cost_usd: 0.01 },
  { ...sonnet, timestamp: TEN + 2, duration_ms: 200, ttft_ms: 60, tokens_input: 100, tokens_output: 20, tokens_cache_read: 100, tokens_cache_write: 50, cost_usd: 0.02 },
  { model: "opus", upstream_model: "claude-opus-4-1", timestamp: TEN + 3, status_code: 500, duration_ms: 300, error_type: "upstream_500" },
  { ...gpt, timestamp: ELEVEN + 1, duration_ms: 400, ttft_ms: 70, tokens_input: 200, tokens_output: 30, tokens_cache_read: 0, tokens_cache_write: 0 },
  { ...gpt, timestamp: ELEVEN + 2, duration_ms: 500, tokens_input: 50, tokens_output: 5, tokens_cache_read: 50, cost_usd: 0.005, error_type: "client_disconnected" },
  { ...gpt, timestamp: ELEVEN + 3, duration_ms: 1000, tokens_input: 0, tokens_output: 0, cost_usd: 0, error_type: "stream_interrupted" },
  { ...sonnet, timestamp: TEN - 86_400_000, duration_ms: 99_999, tokens_input: 1_000_000 },
]

let app: InProcessApp | undefined
afterEach(async () => {
  await app?.system.registry.shutdownAll()
  app = undefined
})

async function report(query: string) {
  const path = tempDatabasePath()
  seedRows(path, ROWS)
  app = await createTestApp({ plugins: [factory], settings: { "plugins.analytics.database_path": path, "plugins.analytics.retention_days": 0 } })
  const response = await app.request(`/logs/analytics?${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as any
}

const WINDOW = `start=${new Date(TEN).toISOString()}&end=${ELEVEN / 1000 + 3600}`

describe("GET /logs/analytics on known rows", () => {
  test("totals: requests, errors (a client disconnect is not one), tokens, cost, cache ratio, p50/p95", async () => {
    const { summary } = await report(WINDOW)
    // Unpriced: only the gpt-5 row with tokens and no cost; the failed opus call had no tokens to price.
    expect(summary).toMatchObject({ requests: 6, successful_requests: 4, error_requests: 2, unpriced_requests: 1 })
    expect(summary.error_rate).toBeCloseTo(2 / 6, 10)
    expect(summary.tokens).toEqual({ input: 450, output: 65, cache_read: 450, cache_write: 50, reasoning: 0, total: 1015 })
    expect(summary.cost_usd).toBeCloseTo(0.035, 10)
    // read / (input + read + write), the metrics plugin's definition.
    expect(summary.cache_hit_ratio).toBeCloseTo(450 / 950, 10)
    // Durations 100..1000 (n=6): nearest rank ceil(3)=3 → 300, ceil(5.7)=6 → 1000.
    expect(summary.duration_ms.p50).toBe(300)
    expect(summary.duration_ms.p95).toBe(1000)
    expect(summary.duration_ms.avg).toBeCloseTo(2500 / 6, 6)
    // TTFT 50, 60, 70 (n=3): ceil(1.5)=2 → 60, ceil(2.85)=3 → 70.
    expect(summary.ttft_ms).toEqual({ p50: 60, p95: 70 })
  })

  test("by provider", async () => {
    const { by_provider } = await report(WINDOW)
    expect(Object.keys(by_provider).sort()).toEqual(["claude_api", "codex"])
    const claude = by_provider.claude_api
    expect(claude).toMatchObject({ requests: 3, error_requests: 1, unpriced_requests: 0, duration_ms: { p50: 200, p95: 300 } })
    expect(claude.cost_usd).toBeCloseTo(0.03, 10)
    expect(claude.cache_hit_ratio).toBeCloseTo(400 / 650, 10)
    const codex = by_provider.codex
    expect(codex).toMatchObject({ requests: 3, error_requests: 1, unpriced_requests: 1, duration_ms: { p50: 500, p95: 1000 }, ttft_ms: { p50: 70, p95: 70 } })
    expect(codex.cache_hit_ratio).toBeCloseTo(50 / 300, 10)
    expect(codex.error_rate).toBeCloseTo(1 / 3, 10)
  })

  test("by model (the one sent upstream, else the one asked) and by hour", async () => {
    const body = await report(WINDOW)
    expect(Object.keys(body.by_model).sort()).toEqual(["claude-opus-4-1", "claude-sonnet-4-5", "gpt-5"])
    expect(body.by_model["claude-sonnet-4-5"]).toMatchObject({ requests: 2, error_requests: 0, tokens: { input: 200, output: 30, cache_read: 400, cache_write: 50, total: 680 } })
    expect(body.by_model["claude-opus-4-1"]).toMatchObject({ requests: 1, error_rate: 1, cost_usd: null, cache_hit_ratio: null, ttft_ms: { p50: null, p95: null } })
    expect(body.by_hour.map((hour: any) => [hour.hour, hour.requests, hour.error_requests])).toEqual([
      ["2025-01-01T10:00:00.000Z", 3, 1],
      ["2025-01-01T11:00:00.000Z", 3, 1],
    ])
    expect(body.query_params).toMatchObject({ start: "2025-01-01T10:00:00.000Z", end: "2025-01-01T12:00:00.000Z" })
  })

  test("filters apply to every breakdown; an empty range gives zeros, not errors", async () => {
    const codexOnly = await report(`${WINDOW}&provider=codex&status=2xx`)
    expect(codexOnly.summary.requests).toBe(3)
    expect(Object.keys(codexOnly.by_provider)).toEqual(["codex"])
    await app!.system.registry.shutdownAll()
    const empty = await report("start=2030-01-01T00:00:00Z")
    expect(empty.summary).toMatchObject({ requests: 0, error_rate: null, cost_usd: null, cache_hit_ratio: null })
    expect(empty.by_hour).toEqual([])
  })

  test("without a range it covers the last `hours`; bad parameters are 400s", async () => {
    const recent = await report("hours=1")
    expect(recent.summary.requests).toBe(0)
    expect((await app!.request("/logs/analytics?hours=0")).status).toBe(400)
    expect((await app!.request("/logs/analytics?start=yesterday")).status).toBe(400)
    expect((await app!.request("/logs/analytics?status=2yy")).status).toBe(400)
  })
})
