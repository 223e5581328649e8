import type { FormatId } from "~/formats/types"

/**
 * The seed's middleware layers. Lower numbers wrap higher ones: SECURITY runs before
 * OBSERVABILITY, which runs before TRANSFORMATION, and so on down to the routes.
 * Core middleware sits below 100 (request id 50, hooks 60, CORS 80, body limit 90).
 */
export const MiddlewareLayer = {
  SECURITY: 100,
  OBSERVABILITY: 200,
  TRANSFORMATION: 300,
  ROUTING: 400,
  APPLICATION: 500,
} as const

/** Per-request facts every middleware and route can read. */
export interface RequestContext {
  request: Request
  url: URL
  requestId: string
  startedAt: number
  clientIp?: string
  /** The API format of the route, from its path; decides the error shape. */
  format?: FormatId
  /** Facts routes learn while handling (provider, model, token counts), reported with request.completed. */
  metadata: Record<string, unknown>
  /**
   * Wants to know when the response body has been sent (set by the request hooks). A route whose
   * body reports its own end (the provider streams) calls it and sets `watchedBody` to that body,
   * which then needs no wrapping stream to be watched.
   */
  bodyWatcher?: BodyWatcher
  watchedBody?: ReadableStream<Uint8Array>
}

/** Told once that a response body was sent whole (`onEnd`), or failed or was cancelled by the client (`onError`). */
export interface BodyWatcher {
  onEnd(bytes: number): void
  onError(error: unknown, bytes: number): void
}

export type Next = () => Promise<Response>
export type MiddlewareHandler = (context: RequestContext, next: Next) => Promise<Response>

export interface OrderedMiddleware {
  name: string
  priority: number
  handler: MiddlewareHandler
}

/**
 * Composes middleware around `inner`, lowest priority outermost; ties keep registration order.
 * The chain is built once: per request each layer makes only its `next` closure.
 */
export function composeMiddleware(middleware: readonly OrderedMiddleware[], inner: (context: RequestContext) => Promise<Response>) {
  const ordered = middleware.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.priority - b.entry.priority || a.index - b.index)
  let chain = inner
  for (let position = ordered.length - 1; position >= 0; position--) {
    const handler = ordered[position]!.entry.handler
    const next = chain
    chain = (context) => handler(context, () => next(context))
  }
  return chain
}
