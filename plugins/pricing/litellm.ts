import type { ModelPrice } from "./model-price"
import { bareModelName, normalizeModelName } from "./normalize-model"

/** The fields of one entry of LiteLLM's model_prices_and_context_window.json that we read. */
export interface LiteLLMEntry {
  litellm_provider?: string
  mode?: string
  input_cost_per_token?: number
  output_cost_per_token?: number
  cache_creation_input_token_cost?: number
  cache_read_input_token_cost?: number
  [key: string]: unknown
}

const CHAT_MODES = new Set(["chat", "responses", "completion"])
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0
// Per-token costs such as 3e-6 become 2.9999999999999996 when multiplied; 12 significant digits keep them exact.
const perMillion = (perToken: number) => Number((perToken * 1_000_000).toPrecision(12))

/** The entries of a LiteLLM price file that are priced chat models of `providers`, as stored in the cache file. */
export function selectLiteLLMEntries(json: unknown, providers: ReadonlySet<string>): Record<string, LiteLLMEntry> {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new Error("price list is not a JSON object")
  const selected: Record<string, LiteLLMEntry> = {}
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (!value || typeof value !== "object") continue
    const entry = value as LiteLLMEntry
    if (!providers.has(String(entry.litellm_provider))) continue
    if (entry.mode !== undefined && !CHAT_MODES.has(entry.mode)) continue
    if (!isNumber(entry.input_cost_per_token) || !isNumber(entry.output_cost_per_token)) continue
    selected[name] = entry
  }
  return selected
}

/**
 * Prices per million tokens, keyed by the exact (bare) name and by its family name
 * (normalizeModelName). When several snapshots share a family, the entry named like the
 * family wins, else the first one seen.
 */
export function pricesFromLiteLLM(entries: Record<string, LiteLLMEntry>): Map<string, ModelPrice> {
  const prices = new Map<string, ModelPrice>()
  for (const [name, entry] of Object.entries(entries)) {
    const price: ModelPrice = { input: perMillion(entry.input_cost_per_token!), output: perMillion(entry.output_cost_per_token!) }
    if (isNumber(entry.cache_creation_input_token_cost)) price.cacheWrite = perMillion(entry.cache_creation_input_token_cost)
    if (isNumber(entry.cache_read_input_token_cost)) price.cacheRead = perMillion(entry.cache_read_input_token_cost)
    const exact = bareModelName(name)
    const family = normalizeModelName(name)
    prices.set(exact, price)
    if (exact !== family && !prices.has(family)) prices.set(family, price)
  }
  return prices
}
