/** The kind of an upstream that answered with an error status (provider.error). */
export function upstreamStatusKind(status: number): string {
  if (status === 401 || status === 403) return "auth"
  if (status === 408) return "timeout"
  if (status === 429) return "rate_limited"
  if (status === 529) return "overloaded"
  if (status >= 500) return "server_error"
  return "client_error"
}

/**
 * Upstream failures that provider.error does not report, read from request.completed /
 * request.failed: no answer in time, no connection, a broken answer, a stream cut short.
 */
export function requestErrorKind(data: Record<string, unknown>): string | undefined {
  if (data.error_type === "stream_interrupted") return "stream_interrupted"
  if (typeof data.provider !== "string") return undefined
  const status = data.response_status
  if (data.upstream_status === undefined) {
    if (status === 504) return "timeout"
    if (status === 502) return "unreachable"
    return undefined
  }
  if (typeof data.upstream_status === "number" && data.upstream_status < 400 && typeof status === "number" && status >= 500) return "bad_response"
  return undefined
}
