import { UpstreamError } from "~/core/errors"

export interface UpstreamRequest {
  url: string
  method?: string
  headers: Headers
  body?: string
}

/** An upstream answer whose timeout still runs until `settle` (streams) or `readText` (bodies). */
export interface UpstreamCall {
  response: Response
  /** Stops the request timeout; a stream is watched by its idle timeout from then on. */
  settle(): void
  /** The whole body (of `response`, or of a wrapper around it), with the call's failure mapping; settles. */
  readText(from?: Response): Promise<string>
}

/**
 * fetch with the failures a person can act on: a refused or unreachable upstream is a 502
 * naming the host, no answer (headers, or the whole body for non-streams) within
 * `timeoutMs` is a 504, and the client going away aborts the call (`clientSignal`).
 */
export async function fetchUpstream(request: UpstreamRequest, options: { timeoutMs: number; clientSignal?: AbortSignal }): Promise<UpstreamCall> {
  // One controller for both causes: AbortSignal.any costs several µs per request in Bun's fetch.
  const abort = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort.abort(new Error("upstream timeout"))
  }, options.timeoutMs)
  const client = options.clientSignal
  if (client?.aborted) abort.abort(client.reason)
  else client?.addEventListener("abort", () => abort.abort(client.reason), { once: true })
  const settle = () => clearTimeout(timer)
  const failure = (error: unknown): UpstreamError => {
    settle()
    const host = new URL(request.url).host
    if (timedOut) return new UpstreamError(`Upstream ${host} did not answer within ${Math.round(options.timeoutMs / 1000)} s`, 504, request.url, undefined, { cause: error })
    if (options.clientSignal?.aborted) return new UpstreamError("Client closed the request", 499, request.url, undefined, { cause: error })
    return new UpstreamError(`Cannot reach upstream ${host}: ${(error as Error)?.message ?? error}`, 502, request.url, undefined, { cause: error })
  }
  let response: Response
  try {
    response = await fetch(request.url, { method: request.method ?? "POST", headers: request.headers, body: request.body, signal: abort.signal, redirect: "manual", decompress: true } as RequestInit)
  } catch (error) {
    throw failure(error)
  }
  return {
    response,
    settle,
    async readText(from = response) {
      try {
        return await from.text()
      } catch (error) {
        throw failure(error)
      } finally {
        settle()
      }
    },
  }
}
