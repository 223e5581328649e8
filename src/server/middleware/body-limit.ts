import type { OrderedMiddleware } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"
import { BodyTooLargeError, declaredLength, discard, limitBody } from "../limited-body"
import { attachRequestContext } from "../request-context"

/** `Connection: close` from the client: Bun then closes right after the response, unread body or not. */
const asksToClose = (request: Request) => /(^|,)\s*close\s*(,|$)/i.test(request.headers.get("connection") ?? "")

/**
 * 413 in the route's format for a declared body over the limit. A body without a declared
 * length (chunked) is handed on wrapped so that any reader, a route, a plugin or Elysia's
 * parser, gets that 413 as an error once it passes the limit, instead of buffering it all.
 * A declared length needs no wrapper: HTTP framing ends the body there.
 *
 * Bun reads and drops the unread rest of a body after the response, so a client still sending
 * gets its answer on a live connection. Not when the client asked to close: Bun closes at once,
 * and a client still sending gets a reset instead of the answer. For those the rest of the body
 * is read and dropped here, before the answer.
 */
export function bodyLimitMiddleware(maxBytes: number): OrderedMiddleware {
  return {
    name: "body_limit",
    priority: 90,
    async handler(context, next) {
      const { request } = context
      const closing = asksToClose(request)
      const declared = declaredLength(request)
      if (declared !== undefined && declared > maxBytes) {
        if (closing) await discard(request.body)
        return errorResponse(new BodyTooLargeError(maxBytes, declared), context.format, context.requestId)
      }
      let discardRest = () => discard(request.body)
      if (request.body && declared === undefined) {
        const limited = limitBody(request.body, maxBytes)
        context.request = new Request(request, { body: limited.stream, duplex: "half" } as RequestInit)
        attachRequestContext(context)
        discardRest = limited.discardRest
      }
      try {
        return await next()
      } finally {
        if (closing) await discardRest()
      }
    },
  }
}
