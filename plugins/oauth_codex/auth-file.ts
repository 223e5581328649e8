import { homedir } from "node:os"
import { join } from "node:path"
import type { JsonObject } from "~/auth/credential-file"
import { decodeJwtClaims, jwtExpiresAt } from "~/auth/jwt"
import type { TokenRecord } from "~/auth/token-store"

/** `tokens` in the Codex CLI's auth.json; keys we do not know are kept. */
export interface CodexTokens {
  id_token?: string
  access_token: string
  refresh_token?: string
  account_id?: string
  [key: string]: unknown
}

/** Namespace of OpenAI's own claims in ChatGPT id and access tokens. */
export const OPENAI_AUTH_CLAIM = "https://api.openai.com/auth"

/** The configured file, else `$CODEX_HOME/auth.json`, else `~/.codex/auth.json`. */
export function codexAuthPath(configured: string, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) return configured.startsWith("~/") ? join(env.HOME || homedir(), configured.slice(2)) : configured
  if (env.CODEX_HOME) return join(env.CODEX_HOME, "auth.json")
  return join(env.HOME || homedir(), ".codex", "auth.json")
}

export function codexTokens(data: JsonObject | undefined): CodexTokens | undefined {
  const tokens = data?.tokens
  if (!tokens || typeof tokens !== "object" || Array.isArray(tokens)) return undefined
  const accessToken = (tokens as JsonObject).access_token
  return typeof accessToken === "string" && accessToken !== "" ? (tokens as CodexTokens) : undefined
}

/** OpenAI's claims (`chatgpt_account_id`, `chatgpt_plan_type`, ...) of a token, if it is a JWT. */
export function openaiClaims(token: string | undefined): JsonObject | undefined {
  const claims = decodeJwtClaims(token)?.[OPENAI_AUTH_CLAIM]
  return claims && typeof claims === "object" ? (claims as JsonObject) : undefined
}

/**
 * The ChatGPT account: the id token's claim, else the access token's, else the stored
 * `account_id` (files written by other tools may hold the user's `sub` there).
 */
export function chatgptAccountId(tokens: CodexTokens): string | undefined {
  const stored = typeof tokens.account_id === "string" && tokens.account_id ? tokens.account_id : undefined
  const claimed = [tokens.id_token, tokens.access_token].map((token) => openaiClaims(token)?.chatgpt_account_id).find((id) => typeof id === "string" && id)
  return (claimed as string | undefined) ?? stored
}

/** Expiry from the access token's `exp`; unknown (undefined) when it cannot be decoded: a 401 then drives the refresh. */
export function tokensToRecord(tokens: CodexTokens): TokenRecord {
  return {
    accessToken: tokens.access_token,
    refreshToken: typeof tokens.refresh_token === "string" && tokens.refresh_token ? tokens.refresh_token : undefined,
    expiresAt: jwtExpiresAt(tokens.access_token),
    accountId: chatgptAccountId(tokens),
  }
}
