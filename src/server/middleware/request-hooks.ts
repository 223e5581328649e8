import { HookEvent } from "~/core/plugins/hook-events"
import type { HookRegistry } from "~/core/plugins/hooks"
import type { OrderedMiddleware, RequestContext } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"
import { watchBody } from "../watch-body"

const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "cookie", "proxy-authorization"]

/** The request headers hooks see: credentials (the proxy's own token among them) masked. */
function headersForHooks(headers: Headers): Headers {
  if (!CREDENTIAL_HEADERS.some((name) => headers.has(name))) return headers
  const copy = new Headers(headers)
  for (const name of CREDENTIAL_HEADERS) if (copy.has(name)) copy.set(name, "[redacted]")
  return copy
}

function requestData(context: RequestContext): Record<string, unknown> {
  const { request, url } = context
  return {
    request_id: context.requestId,
    method: request.method,
    url: request.url,
    path: url.pathname,
    query: url.search.slice(1),
    headers: headersForHooks(request.headers),
    client_ip: context.clientIp,
    user_agent: request.headers.get("user-agent") ?? undefined,
    referer: request.headers.get("referer") ?? undefined,
  }
}

/**
 * Emits request.started, then request.completed (or request.failed) once the response
 * body has been sent, which for a stream is when the stream ends. Observers never
 * delay the response: events are fire-and-forget.
 */
export function requestHooksMiddleware(hooks: HookRegistry): OrderedMiddleware {
  return {
    name: "request_hooks",
    priority: 60,
    async handler(context, next) {
      const base = requestData(context)
      const extra = { requestId: context.requestId }
      hooks.emit(HookEvent.REQUEST_STARTED, base, extra)
      const watchesEnd = hooks.hasListeners(HookEvent.REQUEST_COMPLETED) || hooks.hasListeners(HookEvent.REQUEST_FAILED)
      // A body that reports its own end may do so before `response` is known here: hold it until then.
      let report: ((bytes: number | undefined, error?: unknown) => void) | undefined
      let early: [number, unknown?] | undefined
      if (watchesEnd) {
        context.bodyWatcher = {
          onEnd: (bytes) => (report ? report(bytes) : (early = [bytes])),
          onError: (error, bytes) => (report ? report(bytes, error) : (early = [bytes, error])),
        }
      }
      let response: Response
      try {
        response = await next()
      } catch (error) {
        response = errorResponse(error, context.format, context.requestId)
        hooks.emit(HookEvent.REQUEST_FAILED, { ...base, ...context.metadata, response_status: response.status, duration: Date.now() - context.startedAt, error: String(error) }, { ...extra, error })
        return response
      }
      const finished = (bytes: number | undefined, error?: unknown) => {
        const data = { ...base, ...context.metadata, response_status: response.status, response_headers: response.headers, duration: Date.now() - context.startedAt, body_size: bytes }
        if (error === undefined) hooks.emit(HookEvent.REQUEST_COMPLETED, data, extra)
        else hooks.emit(HookEvent.REQUEST_FAILED, { ...data, error: String((error as Error)?.message ?? error) }, { ...extra, error })
      }
      const streaming = response.body && (response.headers.get("content-type") ?? "").includes("text/event-stream")
      if (!streaming || !watchesEnd) {
        const length = response.headers.get("content-length")
        finished(length === null ? undefined : Number(length))
        return response
      }
      if (context.watchedBody !== undefined && context.watchedBody === response.body) {
        report = finished
        if (early) finished(...early)
        return response
      }
      const body = watchBody(response.body!, { onEnd: (bytes) => finished(bytes), onError: (error, bytes) => finished(bytes, error) })
      return new Response(body, response)
    },
  }
}
