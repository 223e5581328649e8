import type { CredentialStatus } from "~/core/plugins/oauth"
import { maskSecret } from "~/core/redact"

/** Expiry as status shows it: ISO time, seconds left, and whether it has passed. */
export function expiryDetails(expiresAt: number | undefined, now = Date.now()): Record<string, unknown> {
  if (expiresAt === undefined) return { expires_at: null, expired: false }
  return { expires_at: new Date(expiresAt).toISOString(), expires_in_seconds: Math.round((expiresAt - now) / 1000), expired: expiresAt <= now }
}

/** A token as status shows it: a few leading characters, never the token. */
export function maskedToken(token: string | undefined): string | undefined {
  return token ? maskSecret(token) : undefined
}

/** Drops undefined values so JSON and text output list only what is known. */
export function compact(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined))
}

/** Status without a usable login: the file looked at, and why (`error`) or what to run (`hint`). */
export function loggedOutStatus(file: string, reason: { error: string } | { hint: string }): CredentialStatus {
  return { loggedIn: false, details: { file, ...reason } }
}
