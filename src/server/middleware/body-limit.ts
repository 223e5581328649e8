import type { OrderedMiddleware } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"
import { BodyTooLargeError, declaredLength, limitBody } from "../limited-body"
import { attachRequestContext } from "../request-context"

/**
 * 413 in the route's format for a declared body over the limit. A body without a declared
 * length (chunked) is handed on wrapped so that any reader, a route, a plugin or Elysia's
 * parser, gets that 413 as an error once it passes the limit, instead of buffering it all.
 * A declared length needs no wrapper: HTTP framing ends the body there.
 */
export function bodyLimitMiddleware(maxBytes: number): OrderedMiddleware {
  return {
    name: "body_limit",
    priority: 90,
    handler(context, next) {
      const { request } = context
      const declared = declaredLength(request)
      if (declared !== undefined && declared > maxBytes) return Promise.resolve(errorResponse(new BodyTooLargeError(maxBytes, declared), context.format, context.requestId))
      if (request.body && declared === undefined) {
        context.request = new Request(request, { body: limitBody(request.body, maxBytes), duplex: "half" } as RequestInit)
        attachRequestContext(context)
      }
      return next()
    },
  }
}
