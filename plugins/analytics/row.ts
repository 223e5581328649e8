import type { HookContext } from "ccproxy/plugin"

/** The `pricing` service, when a pricing plugin runs: USD for a model's tokens, null when unknown. */
export interface PricingService {
  costFor(model: string, tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }): number | null
}

/** One row of `access_logs`, as written. */
export interface AnalyticsRow {
  timestamp: number
  request_id: string
  method: string | null
  path: string | null
  provider: string | null
  endpoint: string | null
  client_format: string | null
  provider_format: string | null
  model: string | null
  upstream_model: string | null
  status_code: number | null
  streaming: number | null
  duration_ms: number | null
  upstream_duration_ms: number | null
  ttft_ms: number | null
  tokens_input: number | null
  tokens_output: number | null
  tokens_cache_read: number | null
  tokens_cache_write: number | null
  tokens_reasoning: number | null
  cost_usd: number | null
  error_type: string | null
  conversion_warnings: string | null
}

export const ROW_COLUMNS = [
  "timestamp", "request_id", "method", "path", "provider", "endpoint", "client_format", "provider_format", "model", "upstream_model",
  "status_code", "streaming", "duration_ms", "upstream_duration_ms", "ttft_ms", "tokens_input", "tokens_output", "tokens_cache_read",
  "tokens_cache_write", "tokens_reasoning", "cost_usd", "error_type", "conversion_warnings",
] as const satisfies ReadonlyArray<keyof AnalyticsRow>

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null)
const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : null)

/**
 * Input tokens not read from cache. OpenAI counts cached tokens inside prompt/input tokens,
 * Anthropic does not; storing Anthropic's meaning keeps sums, cost and cache ratio comparable.
 */
function uncachedInput(data: Record<string, unknown>): number | null {
  const input = num(data.tokens_input)
  const cacheRead = num(data.tokens_cache_read) ?? 0
  if (input === null || !String(data.provider_format ?? "").startsWith("openai.")) return input
  return Math.max(0, input - cacheRead)
}

function costOf(row: AnalyticsRow, pricing: PricingService | undefined): number | null {
  const model = row.upstream_model ?? row.model
  const tokens = [row.tokens_input, row.tokens_output, row.tokens_cache_read, row.tokens_cache_write]
  if (!pricing || !model || tokens.every((count) => count === null)) return null
  const [input, output, cacheRead, cacheWrite] = tokens.map((count) => count ?? 0) as [number, number, number, number]
  return num(pricing.costFor(model, { input, output, cacheRead, cacheWrite }))
}

/**
 * What went wrong, if anything. A client leaving mid-stream fails the request before the
 * provider has noted why, so it is recognised from the failure message.
 */
function errorType(event: HookContext): string | null {
  const reported = str(event.data.error_type)
  if (reported || event.event !== "request.failed") return reported
  const abortedByClient = (event.error as Error | undefined)?.name === "AbortError" || /client disconnected|connection was closed/i.test(String(event.data.error ?? ""))
  if (abortedByClient) return "client_disconnected"
  return str((event.error as { code?: unknown })?.code) ?? "request_failed"
}

/** The row for a request.completed / request.failed event. */
export function rowFromEvent(event: HookContext, pricing?: PricingService): AnalyticsRow {
  const data = event.data
  const warnings = Array.isArray(data.conversion_warnings) && data.conversion_warnings.length ? JSON.stringify(data.conversion_warnings) : null
  const row: AnalyticsRow = {
    timestamp: event.timestamp,
    request_id: event.requestId ?? str(data.request_id) ?? "",
    method: str(data.method),
    path: str(data.path),
    provider: str(data.provider) ?? event.provider ?? null,
    endpoint: str(data.endpoint),
    client_format: str(data.client_format),
    provider_format: str(data.provider_format),
    model: str(data.model),
    upstream_model: str(data.upstream_model),
    status_code: num(data.response_status),
    streaming: typeof data.streaming === "boolean" ? Number(data.streaming) : null,
    duration_ms: num(data.duration),
    upstream_duration_ms: num(data.upstream_duration_ms),
    ttft_ms: num(data.ttft_ms),
    tokens_input: uncachedInput(data),
    tokens_output: num(data.tokens_output),
    tokens_cache_read: num(data.tokens_cache_read),
    tokens_cache_write: num(data.tokens_cache_write),
    tokens_reasoning: num(data.tokens_reasoning),
    cost_usd: null,
    error_type: errorType(event),
    conversion_warnings: warnings,
  }
  row.cost_usd = costOf(row, pricing)
  return row
}
