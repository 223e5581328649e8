import { UpstreamError } from "~/core/errors"

export interface UpstreamRequest {
  url: string
  method?: string
  headers: Headers
  body?: string
}

/**
 * fetch with the failures a person can act on: a refused or unreachable upstream is a 502
 * naming the host, no answer within `timeoutMs` is a 504, and the client going away aborts
 * the call (`clientSignal`).
 */
export async function fetchUpstream(request: UpstreamRequest, options: { timeoutMs: number; clientSignal?: AbortSignal }): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.clientSignal ? AbortSignal.any([options.clientSignal, timeout]) : timeout
  try {
    return await fetch(request.url, { method: request.method ?? "POST", headers: request.headers, body: request.body, signal, redirect: "manual", decompress: true } as RequestInit)
  } catch (error) {
    const host = new URL(request.url).host
    if (timeout.aborted) throw new UpstreamError(`Upstream ${host} did not answer within ${Math.round(options.timeoutMs / 1000)} s`, 504, request.url, undefined, { cause: error })
    if (options.clientSignal?.aborted) throw new UpstreamError("Client closed the request", 499, request.url, undefined, { cause: error })
    throw new UpstreamError(`Cannot reach upstream ${host}: ${(error as Error).message}`, 502, request.url, undefined, { cause: error })
  }
}
