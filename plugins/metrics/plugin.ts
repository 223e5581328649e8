import { defineSystemPlugin, HookEvent, HookPriority, pathPrefixMatcher, type HookContext } from "ccproxy/plugin"
import type { PricingService } from "../pricing/pricing-service"
import { createMetricFamilies, type MetricFamilies } from "./ccproxy-metrics"
import { metricsConfig, type MetricsConfig } from "./config"
import { upstreamStatusKind } from "./error-kind"
import { createPushCheck, displayedUrl } from "./pushgateway"
import { CONTENT_TYPE } from "./registry/exposition"
import { RequestRecorder } from "./request-recorder"

interface Instance {
  metrics: MetricFamilies
  recorder: RequestRecorder
  pushCheck: () => Promise<void>
}

/** State per running instance (keyed by its config object), so several servers can share a process. */
const instances = new WeakMap<MetricsConfig, Instance>()

// The scheduler's interval is fixed in the manifest; the check pushes when pushgateway_push_interval has passed.
const PUSH_CHECK_SECONDS = 5

const providerOf = (event: HookContext) => event.provider ?? (typeof event.data.provider === "string" ? event.data.provider : "none")

/** Prometheus metrics of requests, tokens, cost, streams, upstream errors and token refreshes at GET /metrics. */
export const factory = defineSystemPlugin({
  name: "metrics",
  version: "1.0.0",
  description: "Prometheus metrics at GET /metrics, optional Pushgateway push",
  config: metricsConfig,
  enabledByDefault: true,
  optionalRequires: ["pricing"],
  routes: [
    {
      prefix: "/metrics",
      tags: ["metrics"],
      build: (app, context) => {
        if (!context.config.metrics_endpoint_enabled) return app
        return app
          .get("/", () => new Response(instances.get(context.config)?.metrics.registry.render() ?? "", { headers: { "content-type": CONTENT_TYPE } }))
          .get("/health", () => ({ status: "healthy", series: instances.get(context.config)?.metrics.registry.seriesCount ?? 0 }))
      },
    },
  ],
  tasks: [{ name: "pushgateway", intervalSeconds: PUSH_CHECK_SECONDS, runOnStart: true, run: (context) => instances.get(context.config)?.pushCheck() }],
  hooks: [
    {
      name: "metrics.requests",
      events: [HookEvent.REQUEST_COMPLETED, HookEvent.REQUEST_FAILED],
      priority: HookPriority.OBSERVATION,
      create: (context) => {
        const excluded = pathPrefixMatcher(context.config.exclude_paths)
        return (event) => {
          if (!excluded(event.data.path)) instances.get(context.config)?.recorder.record(event.data)
        }
      },
    },
    {
      name: "metrics.streams",
      events: [HookEvent.PROVIDER_STREAM_START, HookEvent.PROVIDER_STREAM_END],
      priority: HookPriority.OBSERVATION,
      create: (context) => (event) => {
        const gauge = instances.get(context.config)?.metrics.activeStreams
        if (!gauge) return
        if (event.event === HookEvent.PROVIDER_STREAM_START) gauge.inc({ provider: providerOf(event) })
        else gauge.dec({ provider: providerOf(event) })
      },
    },
    {
      name: "metrics.upstream_errors",
      events: [HookEvent.PROVIDER_ERROR],
      priority: HookPriority.OBSERVATION,
      create: (context) => {
        if (!context.config.collect_error_metrics) return undefined
        return (event) => {
          const status = event.data.status_code
          if (typeof status !== "number") return
          instances.get(context.config)?.metrics.upstreamErrors.inc({ provider: providerOf(event), kind: upstreamStatusKind(status) })
        }
      },
    },
    {
      name: "metrics.token_refreshes",
      events: [HookEvent.OAUTH_REFRESH_RESPONSE],
      priority: HookPriority.OBSERVATION,
      create: (context) => (event) => {
        if (!context.config.collect_error_metrics) return
        instances.get(context.config)?.metrics.tokenRefreshes.inc({ provider: typeof event.data.provider === "string" ? event.data.provider : providerOf(event), result: event.data.ok === true ? "success" : "failure" })
      },
    },
  ],
  setup(context) {
    const config = context.config
    const metrics = createMetricFamilies(config, context.version)
    const pricing = context.services.get<PricingService>("pricing")
    if (config.collect_cost_metrics && !pricing) context.logger.info("no pricing service: cost metrics are off")
    instances.set(config, { metrics, recorder: new RequestRecorder(metrics, config, pricing), pushCheck: createPushCheck(config, metrics.registry) })
    return {
      shutdown: () => void instances.delete(config),
      healthCheck: () => ({ status: "healthy", details: { series: metrics.registry.seriesCount, pushgateway: config.pushgateway_enabled ? displayedUrl(config.pushgateway_url) : "off" } }),
    }
  },
})
