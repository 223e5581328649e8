import { InvalidRequestError } from "~/core/errors"
import type { OrderedMiddleware, RequestContext } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"
import { originMatcher } from "./cors"

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i

function isPublicPath(pathname: string): boolean {
  return pathname === "/health" || pathname.startsWith("/health/")
}

/**
 * Keeps web pages from spending a subscription through a proxy on this machine: a request
 * carrying an `Origin` that `cors.origins` does not allow is refused (browsers send one on
 * every cross-site POST, SDKs and CLIs send none), and when bound to loopback the `Host` must
 * be a loopback name, which defeats DNS rebinding.
 */
export function originGuardMiddleware(options: { allowedOrigins: string[]; loopbackOnly: boolean }): OrderedMiddleware {
  const allowed = originMatcher(options.allowedOrigins)
  return {
    name: "origin_guard",
    priority: 70,
    handler(context, next) {
      const refusal = refuse(context, allowed, options.loopbackOnly)
      return refusal ? Promise.resolve(refusal) : next()
    },
  }
}

/** The 403 for a request the guard refuses, or undefined to let it through. */
function refuse(context: RequestContext, allowed: (origin: string) => boolean, loopbackOnly: boolean): Response | undefined {
  if (isPublicPath(context.url.pathname)) return undefined
  const origin = context.request.headers.get("origin")
  if (origin && origin !== "null" && !allowed(origin)) {
    return errorResponse(new InvalidRequestError(`Requests from web origin ${origin} are refused; add it to cors.origins to allow it`, 403), context.format, context.requestId)
  }
  if (origin === "null") return errorResponse(new InvalidRequestError("Requests from opaque web origins are refused", 403), context.format, context.requestId)
  const host = context.request.headers.get("host")
  if (loopbackOnly && host && !LOOPBACK_HOSTS.test(host)) {
    return errorResponse(new InvalidRequestError(`Host ${host} is not this loopback server; refusing (possible DNS rebinding)`, 403), context.format, context.requestId)
  }
  return undefined
}

export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host)
}
