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
type TokenField = (typeof TOKEN_TYPES)[number][0]

type Counter = { inc(amount?: number): void }
type Histogram = { observe(value: number): void }

/** The series of one request label set (provider, endpoint, client format, model, status). */
interface RequestSeries {
  requests: Counter
  duration: Histogram
}

/** The series of one provider and model, with its prompt-cache window. */
interface ModelSeries {
  upstreamDuration: Histogram
  timeToFirstToken: Histogram
  tokens: Record<TokenField | "reasoning", Counter>
  cost: Record<TokenField, Counter>
  unpriced: Counter
  cacheHitRatio: { set(value: number): void }
  cacheWindow: CacheRatioWindow
}

/**
 * Turns request.completed / request.failed data into metric updates. The series a label set
 * touches are looked up once and kept (label values are capped, so these maps are bounded).
 */
export class RequestRecorder {
  private readonly models: LabelCap
  private readonly endpoints: LabelCap
  private readonly requestSeries = new Map<string, RequestSeries>()
  private readonly modelSeries = new Map<string, ModelSeries>()

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
    const series = this.seriesOfModel(provider, model)
    if (this.config.collect_request_metrics) this.recordRequest(data, provider, model, series)
    if (this.config.collect_token_metrics) this.recordTokens(tokens, data.tokens_reasoning, series)
    if (this.config.collect_cost_metrics && this.pricing && rawModel !== undefined) this.recordCost(tokens, rawModel, series)
    if (this.config.collect_error_metrics) {
      const kind = requestErrorKind(data)
      if (kind) this.metrics.upstreamErrors.inc({ provider, kind })
    }
  }

  private recordRequest(data: Record<string, unknown>, provider: string, model: string, series: ModelSeries): void {
    const endpoint = this.endpoints.value(str(data.endpoint, str(data.path, "none")))
    const status = typeof data.response_status === "number" ? String(data.response_status) : "none"
    const request = this.seriesOfRequest(provider, endpoint, str(data.client_format, "none"), model, status)
    request.requests.inc()
    const duration = seconds(data.duration)
    if (duration !== undefined) request.duration.observe(duration)
    const upstream = seconds(data.upstream_duration_ms)
    if (upstream !== undefined) series.upstreamDuration.observe(upstream)
    const ttft = seconds(data.ttft_ms)
    if (ttft !== undefined) series.timeToFirstToken.observe(ttft)
  }

  private recordTokens(tokens: Required<TokenCounts>, tokensReasoning: unknown, series: ModelSeries): void {
    const reasoning = typeof tokensReasoning === "number" && tokensReasoning > 0 ? tokensReasoning : 0
    for (const [field] of TOKEN_TYPES) if (tokens[field] > 0) series.tokens[field].inc(tokens[field])
    if (reasoning > 0) series.tokens.reasoning.inc(reasoning)
    const prompt = tokens.input + tokens.cacheRead + tokens.cacheWrite
    if (prompt > 0) series.cacheHitRatio.set(series.cacheWindow.add(tokens.cacheRead, prompt))
  }

  private recordCost(tokens: Required<TokenCounts>, rawModel: string, series: ModelSeries): void {
    if (tokens.input + tokens.output + tokens.cacheRead + tokens.cacheWrite === 0) return
    const cost = this.pricing!.costBreakdown(rawModel, tokens)
    if (!cost) {
      series.unpriced.inc()
      return
    }
    for (const [field] of TOKEN_TYPES) if (cost[field] > 0) series.cost[field].inc(cost[field])
  }

  private seriesOfRequest(provider: string, endpoint: string, clientFormat: string, model: string, status: string): RequestSeries {
    const key = `${provider}\u0000${endpoint}\u0000${clientFormat}\u0000${model}\u0000${status}`
    let series = this.requestSeries.get(key)
    if (!series) {
      const { requests, requestDuration } = this.metrics
      series = { requests: requests.bind({ provider, endpoint, client_format: clientFormat, model, status }), duration: requestDuration.bind({ provider, endpoint, model }) }
      this.requestSeries.set(key, series)
    }
    return series
  }

  private seriesOfModel(provider: string, model: string): ModelSeries {
    const key = `${provider}\u0000${model}`
    let series = this.modelSeries.get(key)
    if (!series) {
      const { metrics } = this
      // Counters by token field, labelled with the field's `type` value.
      const byField = (bind: (type: string) => Counter) => Object.fromEntries(TOKEN_TYPES.map(([field, type]) => [field, bind(type)])) as Record<TokenField, Counter>
      series = {
        upstreamDuration: metrics.upstreamDuration.bind({ provider, model }),
        timeToFirstToken: metrics.timeToFirstToken.bind({ provider, model }),
        tokens: { ...byField((type) => metrics.tokens.bind({ provider, model, type })), reasoning: metrics.tokens.bind({ provider, model, type: "reasoning" }) },
        cost: byField((type) => metrics.cost.bind({ provider, model, type })),
        unpriced: metrics.unpriced.bind({ provider, model }),
        cacheHitRatio: metrics.cacheHitRatio.bind({ provider, model }),
        cacheWindow: new CacheRatioWindow(this.config.cache_hit_ratio_window),
      }
      this.modelSeries.set(key, series)
    }
    return series
  }
}
