import { describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { pricesFromLiteLLM, selectLiteLLMEntries } from "../../../plugins/pricing/litellm"
import { normalizeModelName } from "../../../plugins/pricing/normalize-model"
import { PricingService } from "../../../plugins/pricing/pricing-service"

const pricing = new PricingService()
const fixture = JSON.parse(readFileSync(join(import.meta.dir, "fixtures/litellm-prices.json"), "utf8"))

describe("costFor against hand-computed values", () => {
  test("Sonnet 4.5: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million", () => {
    // 1000×3 + 200×15 + 10000×0.30 + 2000×3.75 = 3000 + 3000 + 3000 + 7500 micro-dollars
    expect(pricing.costFor("claude-sonnet-4-5-20250929", { input: 1000, output: 200, cacheRead: 10_000, cacheWrite: 2000 })).toBeCloseTo(0.0165, 12)
  })

  test("Opus 4.6 at $5 / $25; Claude 3 Haiku's cache write at $0.30", () => {
    expect(pricing.costFor("claude-opus-4-6", { input: 2000, output: 1000 })).toBeCloseTo(0.035, 12)
    expect(pricing.costFor("claude-3-haiku-20240307", { input: 1_000_000, cacheWrite: 1_000_000 })).toBeCloseTo(0.55, 12)
  })

  test("breakdown by token type", () => {
    const breakdown = pricing.costBreakdown("gpt-4.1", { input: 1_000_000, output: 500_000, cacheRead: 2_000_000 })!
    expect(breakdown.input).toBeCloseTo(2, 12)
    expect(breakdown.output).toBeCloseTo(4, 12)
    expect(breakdown.cacheRead).toBeCloseTo(1, 12)
    expect(breakdown.total).toBeCloseTo(7, 12)
  })

  test("a request from OpenAI counts cached tokens inside the prompt tokens once", () => {
    // gpt-5.3-codex: (10000 - 8000)×1.75 + 8000×0.175 + 500×14 micro-dollars
    const data = { upstream_model: "gpt-5.3-codex", model: "sonnet", provider_format: "openai.responses", tokens_input: 10_000, tokens_cache_read: 8000, tokens_output: 500, tokens_reasoning: 300 }
    expect(pricing.costForRequest(data)).toBeCloseTo(0.0119, 12)
  })

  test("an Anthropic request adds cache reads to input tokens", () => {
    const data = { model: "claude-haiku-4-5", provider_format: "anthropic.messages", tokens_input: 100, tokens_cache_read: 1000, tokens_output: 10 }
    // 100×1 + 1000×0.10 + 10×5 micro-dollars
    expect(pricing.costForRequest(data)).toBeCloseTo(0.00025, 12)
  })

  test("an unknown model has an unknown cost, never 0", () => {
    expect(pricing.costFor("claude-nonexistent-1", { input: 10, output: 10 })).toBeNull()
    expect(pricing.costFor("", { input: 10 })).toBeNull()
    expect(pricing.costForRequest({ tokens_input: 10 })).toBeNull()
    expect(pricing.costFor("gpt-4o", {})).toBe(0)
  })

  test("a snapshot priced differently from its family keeps its own price", () => {
    expect(pricing.priceFor("gpt-4o-2024-05-13")).toMatchObject({ input: 5, output: 15 })
    expect(pricing.priceFor("gpt-4o-2024-08-06")).toMatchObject({ input: 2.5, output: 10 })
  })
})

test("model names are normalised: dates, prefixes, dots, aliases", () => {
  expect(normalizeModelName("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5")
  expect(normalizeModelName("anthropic/claude-opus-4.5")).toBe("claude-opus-4-5")
  expect(normalizeModelName("claude-sonnet-4-5@20250929")).toBe("claude-sonnet-4-5")
  expect(normalizeModelName("bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0")).toBe("claude-3-5-sonnet")
  expect(normalizeModelName("claude-opus-4-6[1m]")).toBe("claude-opus-4-6")
  expect(normalizeModelName("Claude-3-7-Sonnet-Latest")).toBe("claude-3-7-sonnet")
  expect(normalizeModelName("claude-sonnet-4-0")).toBe("claude-sonnet-4")
  expect(normalizeModelName("gpt-4.1-2025-04-14")).toBe("gpt-4.1")
  expect(normalizeModelName("gpt-5.2")).toBe("gpt-5.2")
  expect(normalizeModelName("openai/o4-mini-2025-04-16")).toBe("o4-mini")
})

test("LiteLLM JSON: priced chat models of the chosen providers, per-token costs as per-million prices", () => {
  const entries = selectLiteLLMEntries(fixture, new Set(["anthropic", "openai"]))
  expect(Object.keys(entries).sort()).toEqual(["claude-future-9-20300101", "claude-sonnet-4-5", "gpt-4o", "gpt-9"])
  const prices = pricesFromLiteLLM(entries)
  expect(prices.get("claude-sonnet-4-5")).toEqual({ input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 })
  expect(prices.get("claude-future-9")).toEqual({ input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 })
  expect(prices.get("claude-future-9-20300101")).toEqual(prices.get("claude-future-9"))
  expect(prices.get("gpt-9")).toEqual({ input: 1, output: 8, cacheRead: 0.1 })
  expect(Object.keys(selectLiteLLMEntries(fixture, new Set(["openai"])))).toEqual(["gpt-9", "gpt-4o"])
  expect(() => selectLiteLLMEntries([], new Set(["openai"]))).toThrow(/not a JSON object/)
})

test("downloaded prices win over the built-in table; the rest stays", () => {
  const service = new PricingService()
  service.useDownloadedPrices(pricesFromLiteLLM(selectLiteLLMEntries(fixture, new Set(["openai"]))))
  expect(service.priceFor("gpt-4o")).toEqual({ input: 4, output: 12 })
  // No cache-read price published: cached tokens cost the input price.
  expect(service.costFor("gpt-4o", { cacheRead: 1_000_000 })).toBeCloseTo(4, 12)
  expect(service.priceFor("claude-opus-4-6")).toMatchObject({ input: 5, output: 25 })
})
