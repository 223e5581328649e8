import { createHash, timingSafeEqual } from "node:crypto"
import { AuthError } from "~/core/errors"
import type { OrderedMiddleware } from "~/core/plugins/middleware"
import { errorResponse } from "../error-response"

const digest = (value: string) => createHash("sha256").update(value).digest()

/**
 * Tokens a client presented: `Authorization: Bearer <t>` and `x-api-key: <t>`. Both are
 * checked, since an SDK with both key variables set sends both.
 */
function presentedTokens(headers: Headers): string[] {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim()
  const apiKey = headers.get("x-api-key")?.trim()
  return [bearer, apiKey].filter((token): token is string => Boolean(token))
}

function isPublicPath(pathname: string): boolean {
  return pathname === "/health" || pathname.startsWith("/health/")
}

/**
 * With `security.auth_token` set, every route but /health* needs the token, compared in
 * constant time (both sides hashed to equal length first).
 */
export function securityMiddleware(authToken: string): OrderedMiddleware {
  const expected = digest(authToken)
  return {
    name: "security",
    priority: 100,
    async handler(context, next) {
      if (isPublicPath(context.url.pathname)) return next()
      const tokens = presentedTokens(context.request.headers)
      if (tokens.map((token) => timingSafeEqual(digest(token), expected)).includes(true)) return next()
      const message = tokens.length
        ? "Invalid proxy token: send the value of security.auth_token as `Authorization: Bearer <token>` or `x-api-key: <token>`"
        : "Authentication required: this ccproxy has security.auth_token set; send it as `Authorization: Bearer <token>` or `x-api-key: <token>`"
      return errorResponse(new AuthError(message), context.format, context.requestId)
    },
  }
}
