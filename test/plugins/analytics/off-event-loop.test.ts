import { afterEach, expect, test } from "bun:test"
import { factory } from "../../../plugins/analytics/plugin"
import { anthropicReply, startProxy } from "../../helpers/proxy-harness"
import { seedRows, tempDatabasePath } from "./helpers"

const HOUR = 3_600_000
const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

/** 200k requests spread over the last 30 days, with durations and TTFTs to sort. */
function bigDatabase(): string {
  const path = tempDatabasePath()
  const now = Date.now()
  const models = ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5", "gpt-5-codex"]
  seedRows(
    path,
    Array.from({ length: 200_000 }, (_, i) => ({
      timestamp: now - ((i * 7919) % (720 * HOUR)),
      upstream_model: models[i % models.length]!,
      duration_ms: (i * 104_729) % 60_000,
      ttft_ms: (i * 1299) % 5000,
      tokens_input: i % 1000,
      tokens_output: i % 300,
    })),
  )
  return path
}

test("a proxied request completes while a big /logs/analytics report is running", async () => {
  const path = bigDatabase()
  const proxy = await startProxy({
    upstream: () => anthropicReply(),
    plugins: [factory],
    settings: { "plugins.analytics.database_path": path, "plugins.analytics.retention_days": 0 },
  })
  stops.push(proxy.stop)
  const finished: string[] = []
  const report = fetch(`${proxy.url}/logs/analytics?hours=720`, { headers: proxy.clientHeaders }).then(async (response) => {
    finished.push("report")
    return { status: response.status, body: (await response.json()) as any }
  })
  await Bun.sleep(100)
  const started = performance.now()
  const proxied = await proxy.post("/fake/v1/messages", { model: "short", max_tokens: 5, messages: [{ role: "user", content: "hi" }] })
  await proxied.text()
  finished.push("proxied")
  const proxiedMs = performance.now() - started
  expect(proxied.status).toBe(200)
  const { status, body } = await report
  expect(status).toBe(200)
  expect(body.summary.requests).toBeGreaterThanOrEqual(200_000)
  expect(finished).toEqual(["proxied", "report"])
  // Before the report ran in a worker, the request waited for all of it (seconds).
  expect(proxiedMs).toBeLessThan(1000)
}, 60_000)
