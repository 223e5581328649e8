import type { HookContext } from "ccproxy/plugin"
import { redactText } from "~/core/redact"
import { REDACTED } from "~/core/redact-payload"
import type { AccessRecord } from "./format-line"

/** The `pricing` service's part access_log uses: the cost of a finished request, null when unknown. */
export interface RequestPricing {
  costForRequest(data: Record<string, unknown>): number | null
}

// Query parameters that carry credentials or one-time codes (OAuth callbacks, API keys in URLs).
const SECRET_PARAM = /^(api[-_]?key|key|x[-_]api[-_]key|token|(access|refresh|id|auth|bearer|session)[-_]?token|code|code[-_]?verifier|client[-_]?secret|secret|password|passwd|sig|signature|state|auth|authorization)$/i

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text.replaceAll("+", " "))
  } catch {
    return text
  }
}

/** A query string with the values of secret-looking parameters, and of bearer- or token-like values, replaced. */
export function redactQuery(query: string | undefined): string | undefined {
  if (!query) return query
  const parts = query.split("&").map((part) => {
    const equals = part.indexOf("=")
    if (equals < 0) return redactText(part)
    const value = decoded(part.slice(equals + 1))
    const secret = SECRET_PARAM.test(decoded(part.slice(0, equals))) || /^(bearer|basic)\s/i.test(value) || redactText(value) !== value
    return secret ? `${part.slice(0, equals)}=${REDACTED}` : part
  })
  return parts.join("&")
}

/** A referer URL with its query redacted like the request's, and no user:password. */
export function redactReferer(referer: string | undefined): string | undefined {
  if (!referer) return referer
  try {
    const url = new URL(referer)
    url.username = ""
    url.password = ""
    const query = redactQuery(url.search.slice(1))
    return redactText(`${url.origin}${url.pathname}${query ? `?${query}` : ""}${url.hash}`)
  } catch {
    return redactText(referer.replace(/\?.*$/, (search) => `?${redactQuery(search.slice(1))}`))
  }
}

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined)
const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined)

/** An access record from request.completed / request.failed data. */
export function clientRecord(event: HookContext, pricing?: RequestPricing): AccessRecord {
  const data = event.data
  return {
    timestamp: new Date(event.timestamp),
    request_id: event.requestId ?? str(data.request_id),
    method: str(data.method),
    path: str(data.path),
    query: redactQuery(str(data.query)),
    status_code: num(data.response_status),
    duration_ms: num(data.duration),
    client_ip: str(data.client_ip),
    user_agent: str(data.user_agent),
    referer: redactReferer(str(data.referer)),
    body_size: num(data.body_size),
    error: str(data.error),
    endpoint: str(data.endpoint),
    model: str(data.model),
    service_type: str(data.provider) ?? event.provider,
    tokens_input: num(data.tokens_input),
    tokens_output: num(data.tokens_output),
    cost_usd: num(data.cost_usd) ?? (hasTokens(data) ? num(pricing?.costForRequest(data)) : undefined),
  }
}

/** An access record for one upstream call, from provider.response.received / provider.error / provider.stream.end. */
export function providerRecord(event: HookContext): AccessRecord {
  const data = event.data
  let path: string | undefined
  try {
    path = data.url ? new URL(String(data.url)).pathname : undefined
  } catch {
    path = str(data.url)
  }
  return {
    timestamp: new Date(event.timestamp),
    request_id: event.requestId ?? str(data.request_id),
    method: str(data.method),
    path,
    status_code: num(data.status_code),
    duration_ms: num(data.duration_ms),
    body_size: num(data.total_bytes) ?? num(data.body_size),
    error: str(data.error),
    model: str(data.model),
    service_type: event.provider ?? str(data.provider),
    tokens_input: num(data.tokens_input),
    tokens_output: num(data.tokens_output),
  }
}

/** A request that got no tokens (refused, failed) has no cost to show, rather than a misleading 0. */
function hasTokens(data: Record<string, unknown>): boolean {
  return [data.tokens_input, data.tokens_output, data.tokens_cache_read, data.tokens_cache_write].some((value) => typeof value === "number" && value > 0)
}
