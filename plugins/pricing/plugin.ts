import { defineSystemPlugin } from "ccproxy/plugin"
import { pricingConfig, type PricingConfig } from "./config"
import { priceCacheAge, priceCacheFile } from "./price-cache"
import { PricingService } from "./pricing-service"
import { createUpdateCheck, downloadPrices, loadCachedPrices } from "./refresh"

export { PricingService } from "./pricing-service"
export type { CostBreakdown, ModelPrice, TokenCounts } from "./model-price"

/** The update check per running instance (keyed by its config object). */
const updateChecks = new WeakMap<PricingConfig, () => Promise<void>>()

// The scheduler's interval is fixed in the manifest; the check itself decides whether a download is due.
const UPDATE_CHECK_SECONDS = 600

/** Model prices for cost accounting: a built-in table, optionally refreshed from LiteLLM's price list. */
export const factory = defineSystemPlugin({
  name: "pricing",
  version: "1.0.0",
  description: "Model prices (built in, optionally refreshed from LiteLLM's list) and the `pricing` cost service",
  config: pricingConfig,
  enabledByDefault: true,
  provides: ["pricing"],
  tasks: [
    {
      name: "update",
      intervalSeconds: UPDATE_CHECK_SECONDS,
      runOnStart: true,
      run: (context) => updateChecks.get(context.config)?.(),
    },
  ],
  async setup(context) {
    const config = context.config
    const service = new PricingService()
    service.setRefresher(() => downloadPrices(config, service, context.logger))
    await loadCachedPrices(config, service, context.logger)
    updateChecks.set(config, createUpdateCheck(config, service, context.logger))
    context.services.register("pricing", service, context.name)
    return {
      shutdown: () => void updateChecks.delete(config),
      async healthCheck() {
        const cacheFile = priceCacheFile(config.cache_dir)
        const ageMs = await priceCacheAge(cacheFile)
        return { status: "healthy", details: { auto_update: config.auto_update, cache_file: cacheFile, cached_prices_age_hours: ageMs === undefined ? null : Math.round(ageMs / 360_000) / 10 } }
      },
    }
  },
})
