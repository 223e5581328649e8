import type { HookContext } from "ccproxy/plugin"
import type { AccessRecord } from "./format-line"

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined)
const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined)

/** An access record from request.completed / request.failed data. */
export function clientRecord(event: HookContext): AccessRecord {
  const data = event.data
  return {
    timestamp: new Date(event.timestamp),
    request_id: event.requestId ?? str(data.request_id),
    method: str(data.method),
    path: str(data.path),
    query: str(data.query),
    status_code: num(data.response_status),
    duration_ms: num(data.duration),
    client_ip: str(data.client_ip),
    user_agent: str(data.user_agent),
    referer: str(data.referer),
    body_size: num(data.body_size),
    error: str(data.error),
    endpoint: str(data.endpoint),
    model: str(data.model),
    service_type: str(data.provider) ?? event.provider,
    tokens_input: num(data.tokens_input),
    tokens_output: num(data.tokens_output),
    cost_usd: num(data.cost_usd),
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
