import { MetricRegistry } from "./registry/metric-registry"
import type { MetricsConfig } from "./config"

/** The metric families ccproxy exposes, named `<namespace>_...`. */
export function createMetricFamilies(config: MetricsConfig, version: string) {
  const registry = new MetricRegistry()
  const ns = config.namespace
  const buckets = config.histogram_buckets
  const families = {
    registry,
    info: registry.gauge(`${ns}_info`, "ccproxy build information; always 1", ["version"]),
    requests: registry.counter(`${ns}_requests_total`, "Requests answered, by provider, endpoint, client API format, model and HTTP status", ["provider", "endpoint", "client_format", "model", "status"]),
    requestDuration: registry.histogram(`${ns}_request_duration_seconds`, "Time from request arrival to the last byte of the response", ["provider", "endpoint", "model"], buckets),
    upstreamDuration: registry.histogram(`${ns}_upstream_duration_seconds`, "Time spent on the upstream call, to the end of its body or stream", ["provider", "model"], buckets),
    timeToFirstToken: registry.histogram(`${ns}_time_to_first_token_seconds`, "Time from request arrival to the first upstream byte of a stream", ["provider", "model"], buckets),
    tokens: registry.counter(
      `${ns}_tokens_total`,
      "Tokens by type: input (billed at the full input rate), cache_read, cache_write, output, reasoning (part of output)",
      ["provider", "model", "type"],
    ),
    cost: registry.counter(`${ns}_cost_usd_total`, "Cost in USD at list prices, by token type; requests of models without a known price are not counted", ["provider", "model", "type"]),
    unpriced: registry.counter(`${ns}_unpriced_requests_total`, "Requests with tokens whose model has no known price", ["provider", "model"]),
    cacheHitRatio: registry.gauge(`${ns}_prompt_cache_hit_ratio`, "Share of prompt tokens read from the prompt cache over the last requests (cache_hit_ratio_window)", ["provider", "model"]),
    activeStreams: registry.gauge(`${ns}_active_streams`, "Upstream streams in progress", ["provider"]),
    upstreamErrors: registry.counter(`${ns}_upstream_errors_total`, "Upstream failures by kind: auth, rate_limited, overloaded, server_error, client_error, timeout, unreachable, bad_response, stream_interrupted", ["provider", "kind"]),
    tokenRefreshes: registry.counter(`${ns}_token_refreshes_total`, "OAuth token refreshes by provider and result (success, failure)", ["provider", "result"]),
  }
  families.info.set({ version }, 1)
  return families
}

export type MetricFamilies = ReturnType<typeof createMetricFamilies>
