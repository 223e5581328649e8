import { Type, type Static } from "@sinclair/typebox"

export const metricsConfig = Type.Object({
  namespace: Type.String({ default: "ccproxy", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$", description: "Prefix of every metric name" }),
  metrics_endpoint_enabled: Type.Boolean({ default: true, description: "Serve GET /metrics (behind security.auth_token when one is set)" }),
  histogram_buckets: Type.Array(Type.Number({ exclusiveMinimum: 0 }), {
    default: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    minItems: 1,
    description: "Upper bounds in seconds of the duration and time-to-first-token buckets",
  }),
  collect_request_metrics: Type.Boolean({ default: true, description: "Requests, durations and time to first token" }),
  collect_token_metrics: Type.Boolean({ default: true, description: "Tokens by type and the prompt-cache hit ratio" }),
  collect_cost_metrics: Type.Boolean({ default: true, description: "Cost in USD (needs the pricing plugin; unknown prices are not counted)" }),
  collect_error_metrics: Type.Boolean({ default: true, description: "Upstream errors by kind and token refreshes" }),
  exclude_paths: Type.Array(Type.String(), { default: ["/metrics", "/health"], description: "Paths (and everything under them) not counted as requests" }),
  max_label_values: Type.Integer({ default: 50, minimum: 1, maximum: 10_000, description: 'Distinct models (and endpoints) kept as label values; later ones are counted as "other"' }),
  cache_hit_ratio_window: Type.Integer({ default: 20, minimum: 1, maximum: 10_000, description: "Requests per provider and model the prompt-cache hit ratio is computed over" }),
  pushgateway_enabled: Type.Boolean({ default: false, description: "Push the metrics to a Prometheus Pushgateway" }),
  pushgateway_url: Type.String({ default: "", description: "Pushgateway base URL, e.g. http://localhost:9091" }),
  pushgateway_job: Type.String({ default: "ccproxy", minLength: 1, description: "The job label of pushed metrics" }),
  pushgateway_push_interval: Type.Number({ default: 60, minimum: 5, description: "Seconds between pushes" }),
})

export type MetricsConfig = Static<typeof metricsConfig>
