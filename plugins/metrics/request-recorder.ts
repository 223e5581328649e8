import type { TokenCounts } from "../pricing/model-price"
import type { PricingService } from "../pricing/pricing-service"
import { billableTokens, billedModel } from "../pricing/billable-tokens"
import { CacheRatioWindow } from "./cache-ratio"
import type { MetricFamilies } from "./ccproxy-metrics"
import type { MetricsConfig } from "./config"
import { requestErrorKind } from "./error-kind"
import { LabelCap } from "./label-cap"

const str = (value: unknown, fallback: string) => (typeof value === "string" && value !== "" ? value : fallback)
const seconds = (ms: unknown) => (typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined)
/** Token count field → the `type` label value. */
const TOKEN_TYPES = [
  ["input", "input"],
  ["output", "output"],
  ["cacheRead", "cache_read"],
  ["cacheWrite", "cache_write"],
] as const

/** Turns request.completed / request.failed data into metric updates. */
export class RequestRecorder {
  private readonly models: LabelCap
  private readonly endpoints: LabelCap
  private readonly cacheWindows = new Map<string, CacheRatioWindow>()

  constructor(
    private readonly metrics: MetricFamilies,
    private readonly config: MetricsConfig,
    private readonly pricing: PricingService | undefined,
  ) {
    this.models = new LabelCap(config.max_label_values)
    this.endpoints = new LabelCap(config.max_label_values)
  }

  record(data: Record<string, unknown>): void {
    const provider = str(data.provider, "none")
    const rawModel = billedModel(data)
    const tokens = billableTokens(data)
    // Only a request upstream answered (tokens or a 2xx) may claim a model slot; made-up names that fail do not.
    const status = data.response_status
    const answered = tokens.input + tokens.output + tokens.cacheRead + tokens.cacheWrite > 0 || (typeof status === "number" && status >= 200 && status < 300)
    const model = this.models.value(rawModel ?? "none", answered)
    if (this.config.collect_request_metrics) this.recordRequest(data, provider, model)
    if (this.config.collect_token_metrics) this.recordTokens(tokens, data.tokens_reasoning, provider, model)
    if (this.config.collect_cost_metrics && this.pricing && rawModel !== undefined) this.recordCost(tokens, rawModel, provider, model)
    if (this.config.collect_error_metrics) {
      const kind = requestErrorKind(data)
      if (kind) this.metrics.upstreamErrors.inc({ provider, kind })
    }
  }

  private recordRequest(data: Record<string, unknown>, provider: string, model: string): void {
    const endpoint = this.endpoints.value(str(data.endpoint, str(data.path, "none")))
    const status = typeof data.response_status === "number" ? String(data.response_status) : "none"
    this.metrics.requests.inc({ provider, endpoint, client_format: str(data.client_format, "none"), model, status })
    const duration = seconds(data.duration)
    if (duration !== undefined) this.metrics.requestDuration.observe({ provider, endpoint, model }, duration)
    const upstream = seconds(data.upstream_duration_ms)
    if (upstream !== undefined) this.metrics.upstreamDuration.observe({ provider, model }, upstream)
    const ttft = seconds(data.ttft_ms)
    if (ttft !== undefined) this.metrics.timeToFirstToken.observe({ provider, model }, ttft)
  }

  private recordTokens(tokens: Required<TokenCounts>, tokensReasoning: unknown, provider: string, model: string): void {
    const reasoning = typeof tokensReasoning === "number" && tokensReasoning > 0 ? tokensReasoning : 0
    for (const [field, type] of TOKEN_TYPES) if (tokens[field] > 0) this.metrics.tokens.inc({ provider, model, type }, tokens[field])
    if (reasoning > 0) this.metrics.tokens.inc({ provider, model, type: "reasoning" }, reasoning)
    const prompt = tokens.input + tokens.cacheRead + tokens.cacheWrite
    if (prompt === 0) return
    const key = `${provider}\u0000${model}`
    let window = this.cacheWindows.get(key)
    if (!window) this.cacheWindows.set(key, (window = new CacheRatioWindow(this.config.cache_hit_ratio_window)))
    this.metrics.cacheHitRatio.set({ provider, model }, window.add(tokens.cacheRead, prompt))
  }

  private recordCost(tokens: Required<TokenCounts>, rawModel: string, provider: string, model: string): void {
    if (tokens.input + tokens.output + tokens.cacheRead + tokens.cacheWrite === 0) return
    const cost = this.pricing!.costBreakdown(rawModel, tokens)
    if (!cost) {
      this.metrics.unpriced.inc({ provider, model })
      return
    }
    for (const [field, type] of TOKEN_TYPES) if (cost[field] > 0) this.metrics.cost.inc({ provider, model, type }, cost[field])
  }
}
