import { billableTokens, billedModel } from "./billable-tokens"
import { BUILTIN_PRICES } from "./builtin-prices"
import { costOf, type CostBreakdown, type ModelPrice, type TokenCounts } from "./model-price"
import { lookupKeys } from "./normalize-model"

/**
 * The `pricing` service: what a model's tokens cost. Downloaded prices (LiteLLM format)
 * take precedence over the built-in table; a model in neither has an unknown cost (null).
 * Lookups are memoised per model name, so a request costs one map read.
 */
export class PricingService {
  private downloaded: ReadonlyMap<string, ModelPrice> = new Map()
  private readonly memo = new Map<string, ModelPrice | null>()
  private refresher?: () => Promise<void>

  /** The prices a download brought; replaces the previous download, keeps the built-in table. */
  useDownloadedPrices(prices: ReadonlyMap<string, ModelPrice>): void {
    this.downloaded = prices
    this.memo.clear()
  }

  setRefresher(refresh: () => Promise<void>): void {
    this.refresher = refresh
  }

  /** Downloads prices from the configured source now (whatever auto_update says). */
  async refresh(): Promise<void> {
    if (!this.refresher) throw new Error("pricing refresh is not available")
    await this.refresher()
  }

  /** USD per million tokens for `model`, or null when unknown. */
  priceFor(model: string): ModelPrice | null {
    const known = this.memo.get(model)
    if (known !== undefined) return known
    let price: ModelPrice | null = null
    for (const key of lookupKeys(model)) {
      price = this.downloaded.get(key) ?? BUILTIN_PRICES[key] ?? null
      if (price) break
    }
    this.memo.set(model, price)
    return price
  }

  /**
   * Cost in USD, or null when the model's price is unknown (never 0 for "don't know").
   * `tokens.input` excludes cache reads and writes.
   * @example pricing.costFor("claude-sonnet-4-5-20250929", { input: 1000, output: 200 }) // 0.006
   */
  costFor(model: string, tokens: TokenCounts): number | null {
    return this.costBreakdown(model, tokens)?.total ?? null
  }

  costBreakdown(model: string, tokens: TokenCounts): CostBreakdown | null {
    const price = this.priceFor(model)
    return price ? costOf(price, tokens) : null
  }

  /** Cost of a finished request from its request.completed data, or null when unknown. */
  costForRequest(data: Record<string, unknown>): number | null {
    const model = billedModel(data)
    return model === undefined ? null : this.costFor(model, billableTokens(data))
  }
}
