import type { OrderedMiddleware } from "~/core/plugins/middleware"

export interface CorsOptions {
  origins: string[]
  credentials: boolean
  maxAge: number
}

function originMatcher(patterns: string[]): (origin: string) => boolean {
  const regexes = patterns.map((pattern) => new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`))
  return (origin) => regexes.some((regex) => regex.test(origin))
}

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"

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
      copy.headers.set("access-control-expose-headers", "x-request-id, x-ccproxy-conversion-warnings")
      return copy
    },
  }
}
