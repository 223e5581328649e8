import { join } from "node:path"
import type { JsonObject } from "~/auth/credential-file"
import type { TokenRecord } from "~/auth/token-store"
import { expandHome } from "~/config/expand-home"

export type AccountType = "individual" | "business" | "enterprise"

/** The Copilot service token as GitHub hands it out; every other field it carries is kept. */
export interface CopilotToken {
  token: string
  /** Unix seconds. */
  expires_at: number
  /** Seconds after which GitHub wants the token renewed (about 25 minutes). */
  refresh_in?: number
  endpoints?: { api?: string; [name: string]: unknown }
  sku?: string
  [key: string]: unknown
}

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === "object" && !Array.isArray(value)

/**
 * The configured file, else `~/.config/copilot/credentials.json` (the original ccproxy's
 * location, so both can share one login). Not XDG-relative on purpose: the original is not.
 */
export function copilotCredentialsPath(configured: string, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) return expandHome(configured, env)
  return expandHome(join("~", ".config", "copilot", "credentials.json"), env)
}

/** The long-lived GitHub OAuth token (`oauth_token.access_token`). */
export function githubToken(data: JsonObject | undefined): string | undefined {
  const token = isObject(data?.oauth_token) ? data.oauth_token.access_token : undefined
  return typeof token === "string" && token !== "" ? token : undefined
}

export function copilotToken(data: JsonObject | undefined): CopilotToken | undefined {
  const stored = data?.copilot_token
  if (!isObject(stored) || typeof stored.token !== "string" || stored.token === "" || typeof stored.expires_at !== "number") return undefined
  return stored as CopilotToken
}

/**
 * When the Copilot token must be renewed, epoch milliseconds: `refresh_in` seconds after it
 * was fetched (`updated_at`), both read on this machine's clock; `expires_at` only when
 * those are not known. `expires_at` is GitHub's clock: with this one running ahead by most of
 * the token's half hour, every fresh token would look due and each request exchange again.
 * GitHub's refresh_in falls well before expiry, and a token that expired anyway is caught by
 * Copilot's 401 and exchanged again once.
 */
export function renewAt(token: CopilotToken, fetchedAt: number | undefined): number {
  if (typeof token.refresh_in !== "number" || token.refresh_in <= 0 || fetchedAt === undefined) return token.expires_at * 1000
  return (fetchedAt + token.refresh_in) * 1000
}

/**
 * The file as the token manager sees it: the Copilot token is the access token, the GitHub
 * token the "refresh token" it is renewed with. With no Copilot token yet the record is
 * already due, so the first request exchanges one.
 */
export function toRecord(data: JsonObject | undefined): TokenRecord | undefined {
  const github = githubToken(data)
  if (!github) return undefined
  const copilot = copilotToken(data)
  if (!copilot) return { accessToken: "", refreshToken: github, expiresAt: 0 }
  const fetchedAt = typeof data?.updated_at === "number" ? data.updated_at : undefined
  return { accessToken: copilot.token, refreshToken: github, expiresAt: renewAt(copilot, fetchedAt) }
}

/** Business and enterprise seats have their own API host; `endpoints.api` names it. */
export function accountTypeFromApi(api: string | undefined): AccountType | undefined {
  if (!api) return undefined
  const host = URL.canParse(api) ? new URL(api).host : ""
  if (host.startsWith("api.business.")) return "business"
  if (host.startsWith("api.enterprise.")) return "enterprise"
  return host === "api.githubcopilot.com" ? "individual" : undefined
}

export function storedAccountType(data: JsonObject | undefined): AccountType | undefined {
  const value = data?.account_type
  return value === "individual" || value === "business" || value === "enterprise" ? value : undefined
}
