import type { Logger } from "~/core/log"
import { litellmProviders, type PricingConfig } from "./config"
import { pricesFromLiteLLM, selectLiteLLMEntries } from "./litellm"
import { priceCacheAge, priceCacheFile, readPriceCache, writePriceCache } from "./price-cache"
import type { PricingService } from "./pricing-service"

const HOUR_MS = 3_600_000

/** Loads the cached download, whatever its age: stale prices beat none. */
export async function loadCachedPrices(config: PricingConfig, service: PricingService, log: Logger): Promise<number | undefined> {
  const cached = await readPriceCache(priceCacheFile(config.cache_dir))
  if (!cached) return undefined
  try {
    service.useDownloadedPrices(pricesFromLiteLLM(selectLiteLLMEntries(cached.entries, litellmProviders(config.pricing_provider))))
    return cached.ageMs
  } catch (error) {
    log.warn(`ignoring unreadable price cache: ${(error as Error).message}`)
    return undefined
  }
}

/** Downloads the price list, keeps the configured providers' chat models, caches them and uses them. */
export async function downloadPrices(config: PricingConfig, service: PricingService, log: Logger): Promise<void> {
  const response = await fetch(config.source_url, { signal: AbortSignal.timeout(config.download_timeout * 1000) })
  if (!response.ok) throw new Error(`price download from ${config.source_url} answered ${response.status}`)
  const entries = selectLiteLLMEntries(await response.json(), litellmProviders(config.pricing_provider))
  const count = Object.keys(entries).length
  if (count === 0) throw new Error(`price list from ${config.source_url} has no priced models for ${config.pricing_provider}`)
  service.useDownloadedPrices(pricesFromLiteLLM(entries))
  await writePriceCache(priceCacheFile(config.cache_dir), entries)
  log.info(`prices updated: ${count} models from ${config.source_url}`)
}

/**
 * Decides on each scheduler tick whether a download is due: with auto_update, when the
 * cached copy is missing or older than update_interval_hours, or once at startup with
 * force_refresh_on_startup.
 */
export function createUpdateCheck(config: PricingConfig, service: PricingService, log: Logger) {
  let forceNext = config.force_refresh_on_startup
  return async () => {
    if (!config.auto_update) return
    const age = await priceCacheAge(priceCacheFile(config.cache_dir))
    const due = forceNext || age === undefined || age >= config.update_interval_hours * HOUR_MS
    forceNext = false
    if (due) await downloadPrices(config, service, log)
  }
}
