import type { OrderedMiddleware } from "~/core/plugins/middleware"

export interface CorsOptions {
  origins: string[]
  credentials: boolean
  maxAge: number
}

/** A test for origins against `cors.origins` patterns, where `*` matches anything. */
export function originMatcher(patterns: string[]): (origin: string) => boolean {
  const regexes = patterns.map((pattern) => new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`))
  return (origin) => regexes.some((regex) => regex.test(origin))
}

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
const EXPOSED_HEADERS = [
  "x-request-id",
  "x-ccproxy-warnings",
  "retry-after",
  "request-id",
  "anthropic-ratelimit-requests-limit",
  "anthropic-ratelimit-requests-remaining",
  "anthropic-ratelimit-requests-reset",
  "anthropic-ratelimit-tokens-limit",
  "anthropic-ratelimit-tokens-remaining",
  "anthropic-ratelimit-tokens-reset",
  "x-ratelimit-limit-requests",
  "x-ratelimit-remaining-requests",
  "x-ratelimit-reset-requests",
  "x-ratelimit-limit-tokens",
  "x-ratelimit-remaining-tokens",
  "x-ratelimit-reset-tokens",
].join(", ")

/** CORS for browsers, only when `cors.origins` is set; answers preflights itself. */
export function corsMiddleware(options: CorsOptions): OrderedMiddleware {
  const allowed = originMatcher(options.origins)
  return {
    name: "cors",
    priority: 80,
    async handler(context, next) {
      const origin = context.request.headers.get("origin")
      if (!origin || !allowed(origin)) return next()
      const headers = new Headers({ "access-control-allow-origin": origin, vary: "Origin" })
      if (options.credentials) headers.set("access-control-allow-credentials", "true")
      const preflightMethod = context.request.headers.get("access-control-request-method")
      if (context.request.method === "OPTIONS" && preflightMethod) {
        headers.set("access-control-allow-methods", ALLOWED_METHODS)
        headers.set("access-control-allow-headers", context.request.headers.get("access-control-request-headers") ?? "*")
        headers.set("access-control-max-age", String(options.maxAge))
        return new Response(null, { status: 204, headers })
      }
      const response = await next()
      const copy = new Response(response.body, response)
      headers.forEach((value, key) => copy.headers.set(key, value))
      copy.headers.set("access-control-expose-headers", EXPOSED_HEADERS)
      return copy
    },
  }
}
