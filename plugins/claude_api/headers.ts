import type { AccessCredentials } from "~/auth/credential-source"
import { forwardableRequestHeaders } from "~/providers/headers"

export const ANTHROPIC_VERSION = "2023-06-01"
/** Beta tags an OAuth (subscription) token needs; everything else comes from the client only. */
export const OAUTH_BETAS = ["claude-code-20250219", "oauth-2025-04-20"]

/** The client's beta tags (order kept, duplicates dropped) plus the OAuth ones. */
export function mergeBetas(clientValue: string | null): string {
  const tags = (clientValue ?? "").split(",").map((tag) => tag.trim()).filter(Boolean)
  for (const tag of OAUTH_BETAS) tags.push(tag)
  return [...new Set(tags)].join(",")
}

/** Upstream headers: the client's own minus credentials, the OAuth bearer, version and betas. */
export function anthropicHeaders(clientHeaders: Headers, credentials: AccessCredentials, stream: boolean): Headers {
  const headers = forwardableRequestHeaders(clientHeaders)
  headers.set("authorization", `Bearer ${credentials.accessToken}`)
  headers.set("anthropic-version", clientHeaders.get("anthropic-version") ?? ANTHROPIC_VERSION)
  headers.set("anthropic-beta", mergeBetas(clientHeaders.get("anthropic-beta")))
  headers.set("content-type", "application/json")
  headers.set("accept", stream ? "text/event-stream" : "application/json")
  return headers
}
