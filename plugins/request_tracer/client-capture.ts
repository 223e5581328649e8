import type { MiddlewareHandler, RequestContext } from "ccproxy/plugin"
import { readCapped, tapBody } from "./body-capture"
import { pathTraced, type RequestTracerConfig } from "./config"
import type { TraceSink } from "./trace-sink"

const isEventStream = (headers: Headers) => (headers.get("content-type") ?? "").includes("text/event-stream")

/** The client request's body is read from a clone, on the side: the route reads the original as usual. */
function traceClientRequest(context: RequestContext, config: RequestTracerConfig, sink: TraceSink): void {
  const { request } = context
  const message = { requestId: context.requestId, kind: "client_request" as const, method: request.method, url: request.url, headers: new Headers(request.headers) }
  if (!request.body) {
    setImmediate(() => sink.record({ ...message, details: { client_ip: context.clientIp } }))
    return
  }
  const declared = Number(request.headers.get("content-length") ?? 0) || undefined
  void readCapped(request.clone().body!, config.max_body_size, declared).then(({ body, complete }) =>
    sink.record({ ...message, body, note: complete ? undefined : "the route did not read the whole body, so the trace could not either", details: { client_ip: context.clientIp } }),
  )
}

function responseDetails(context: RequestContext, error?: unknown): Record<string, unknown> {
  return { duration_ms: Date.now() - context.startedAt, metadata: { ...context.metadata }, error: error === undefined ? undefined : String((error as Error)?.message ?? error) }
}

/**
 * What the client received, written once the body has been sent, so that a stream's trace
 * carries its final metadata (tokens, warnings). A streamed body is kept only with
 * log_streaming_chunks; either way it is passed on chunk by chunk, never buffered.
 */
function traceClientResponse(context: RequestContext, response: Response, config: RequestTracerConfig, sink: TraceSink): Response {
  const message = { requestId: context.requestId, kind: "client_response" as const, status: response.status, headers: new Headers(response.headers) }
  if (!response.body) {
    setImmediate(() => sink.record({ ...message, details: responseDetails(context) }))
    return response
  }
  const keepBody = !isEventStream(response.headers) || config.log_streaming_chunks
  const note = keepBody ? undefined : "streamed body not kept (log_streaming_chunks = false)"
  const body = tapBody(response.body, keepBody ? config.max_body_size : 0, (captured, error) =>
    sink.record({ ...message, body: keepBody ? captured : undefined, note, details: { ...responseDetails(context, error), ...(keepBody ? {} : { body_bytes: captured.bytes }) } }),
  )
  return new Response(body, response)
}

/** Middleware for the client side of a trace; provider messages come from hooks. */
export function clientCapture(config: RequestTracerConfig, sinkFor: () => TraceSink | undefined): MiddlewareHandler {
  return async (context, next) => {
    const sink = sinkFor()
    if (!sink || !pathTraced(config, context.url.pathname)) return next()
    if (config.log_client_request) traceClientRequest(context, config, sink)
    const response = await next()
    return config.log_client_response ? traceClientResponse(context, response, config, sink) : response
  }
}
