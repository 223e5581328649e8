import type { MetricsConfig } from "./config"
import type { MetricRegistry } from "./registry/metric-registry"
import { CONTENT_TYPE } from "./registry/exposition"

const PUSH_TIMEOUT_MS = 10_000

/** `<url>/metrics/job/<job>`: PUT there replaces every metric of the job's group. */
export function pushgatewayTarget(config: MetricsConfig): string {
  return `${config.pushgateway_url.replace(/\/+$/, "")}/metrics/job/${encodeURIComponent(config.pushgateway_job)}`
}

/** The URL for messages: user:password (and any secret query) left out. */
export function displayedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ""
    parsed.password = ""
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//")
  }
}

export async function pushMetrics(config: MetricsConfig, registry: MetricRegistry): Promise<void> {
  const target = pushgatewayTarget(config)
  const shown = displayedUrl(target)
  let response: Response
  try {
    response = await fetch(target, { method: "PUT", headers: { "content-type": CONTENT_TYPE }, body: registry.render(), signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) })
  } catch (error) {
    // Fetch errors may quote the URL they were given, credentials included.
    const message = String((error as Error)?.message ?? error).replaceAll(target, shown).replaceAll(config.pushgateway_url, displayedUrl(config.pushgateway_url))
    throw new Error(`cannot push to Pushgateway ${shown}: ${message}`)
  }
  if (!response.ok) throw new Error(`Pushgateway ${shown} answered ${response.status}: ${(await response.text()).slice(0, 200)}`)
}

/** Called on every scheduler tick; pushes when pushgateway_push_interval has passed since the last try. */
export function createPushCheck(config: MetricsConfig, registry: MetricRegistry) {
  let lastTry = 0
  return async () => {
    if (!config.pushgateway_enabled || !config.pushgateway_url) return
    if (Date.now() - lastTry < config.pushgateway_push_interval * 1000) return
    lastTry = Date.now()
    await pushMetrics(config, registry)
  }
}
