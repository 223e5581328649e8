import { InvalidRequestError } from "~/core/errors"
import type { OrderedMiddleware } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"

/** 413 in the route's format for a declared body over the limit (Bun enforces it for chunked bodies). */
export function bodyLimitMiddleware(maxBytes: number): OrderedMiddleware {
  return {
    name: "body_limit",
    priority: 90,
    handler(context, next) {
      const length = Number(context.request.headers.get("content-length") ?? 0)
      if (length > maxBytes) {
        const error = new InvalidRequestError(`Request body of ${length} bytes exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
        return Promise.resolve(errorResponse(error, context.format, context.requestId))
      }
      return next()
    },
  }
}
