import { afterEach, expect, test } from "bun:test"
import { existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { factory, type PricingService } from "../../../plugins/pricing/plugin"
import { startFakeServer } from "../../helpers/fake-server"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"

const fixtureText = readFileSync(join(import.meta.dir, "fixtures/litellm-prices.json"), "utf8")
const apps: InProcessApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.system.registry.shutdownAll()
})

async function start(settings: Record<string, unknown> = {}) {
  const app = await createTestApp({ plugins: [factory], settings })
  apps.push(app)
  return { app, pricing: app.system.core.services.get<PricingService>("pricing")! }
}

const servePrices = (status = 200) => startFakeServer(() => new Response(fixtureText, { status, headers: { "content-type": "application/json" } }))
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await Bun.sleep(10)
}

test("provides the pricing service with the built-in table and no network by default", async () => {
  await using upstream = servePrices()
  const cacheDir = mkdtempSync(join(tmpdir(), "pricing-"))
  const { pricing } = await start({ "plugins.pricing.source_url": `${upstream.url}/prices.json`, "plugins.pricing.cache_dir": cacheDir })
  expect(pricing.costFor("claude-sonnet-4-6", { input: 1_000_000 })).toBeCloseTo(3, 12)
  expect(pricing.costFor("claude-future-9", { input: 1 })).toBeNull()
  await Bun.sleep(50)
  expect(upstream.requests).toHaveLength(0)
  expect(existsSync(join(cacheDir, "model_pricing.json"))).toBe(false)
})

test("refresh downloads LiteLLM prices, caches them, and the next start loads the cache offline", async () => {
  const upstream = servePrices()
  const cacheDir = mkdtempSync(join(tmpdir(), "pricing-"))
  const settings = { "plugins.pricing.source_url": `${upstream.url}/prices.json`, "plugins.pricing.cache_dir": cacheDir }
  const first = await start(settings)
  await first.pricing.refresh()
  expect(first.pricing.costFor("claude-future-9-20300101", { input: 1_000_000, output: 1_000_000 })).toBeCloseTo(12, 12)
  expect(first.pricing.priceFor("gpt-4o")).toEqual({ input: 4, output: 12 })
  const cached = JSON.parse(readFileSync(join(cacheDir, "model_pricing.json"), "utf8"))
  expect(Object.keys(cached).sort()).toEqual(["claude-future-9-20300101", "claude-sonnet-4-5", "gpt-4o", "gpt-9"])
  expect(cached["claude-sonnet-4-5"].max_output_tokens).toBe(64000)
  await upstream.stop()

  const second = await start(settings)
  expect(second.pricing.costFor("gpt-9", { input: 1_000_000 })).toBeCloseTo(1, 12)
})

test("auto_update downloads at startup when there is no cache; pricing_provider filters the list", async () => {
  await using upstream = servePrices()
  const cacheDir = mkdtempSync(join(tmpdir(), "pricing-"))
  const { pricing } = await start({ "plugins.pricing.source_url": `${upstream.url}/p.json`, "plugins.pricing.cache_dir": cacheDir, "plugins.pricing.auto_update": true, "plugins.pricing.pricing_provider": "anthropic" })
  await waitFor(() => pricing.priceFor("claude-future-9") !== null)
  expect(upstream.requests).toHaveLength(1)
  expect(pricing.priceFor("claude-future-9")).toEqual({ input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 })
  expect(pricing.priceFor("gpt-9")).toBeNull()
})

test("auto_update leaves a fresh cache alone unless force_refresh_on_startup", async () => {
  await using upstream = servePrices()
  const cacheDir = mkdtempSync(join(tmpdir(), "pricing-"))
  const settings = { "plugins.pricing.source_url": `${upstream.url}/p.json`, "plugins.pricing.cache_dir": cacheDir }
  await (await start(settings)).pricing.refresh()
  await start({ ...settings, "plugins.pricing.auto_update": true })
  await Bun.sleep(100)
  expect(upstream.requests).toHaveLength(1)
  await start({ ...settings, "plugins.pricing.auto_update": true, "plugins.pricing.force_refresh_on_startup": true })
  await waitFor(() => upstream.requests.length === 2)
  expect(upstream.requests).toHaveLength(2)
})

test("a failed download keeps the prices it had", async () => {
  await using upstream = servePrices(503)
  const { pricing } = await start({ "plugins.pricing.source_url": `${upstream.url}/p.json`, "plugins.pricing.cache_dir": mkdtempSync(join(tmpdir(), "pricing-")) })
  await expect(pricing.refresh()).rejects.toThrow(/answered 503/)
  expect(pricing.costFor("gpt-5.2", { output: 1_000_000 })).toBeCloseTo(14, 12)
})
