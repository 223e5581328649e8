import type { OrderedMiddleware } from "~/core/plugins/middleware"

const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/

/** A client's own id when it is sane, else a new one. */
export function chooseRequestId(header: string | null): string {
  return header && ACCEPTABLE_ID.test(header) ? header : crypto.randomUUID()
}

/** Echoes `x-request-id` on every response. */
export const requestIdMiddleware: OrderedMiddleware = {
  name: "request_id",
  priority: 50,
  async handler(context, next) {
    const response = await next()
    return withHeader(response, "x-request-id", context.requestId)
  },
}

/** Sets a header, copying the response when its headers are immutable (e.g. from fetch). */
export function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value)
    return response
  } catch {
    const copy = new Response(response.body, response)
    copy.headers.set(name, value)
    return copy
  }
}
