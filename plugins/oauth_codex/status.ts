import { decodeJwtClaims } from "~/auth/jwt"
import { compact, expiryDetails, loggedOutStatus, maskedToken } from "~/auth/status-details"
import { readStoredLogin } from "~/auth/stored-login"
import type { CredentialStatus } from "~/core/plugins/oauth"
import { codexTokens, openaiClaims, tokensToRecord } from "./auth-file"
import type { CodexTokenStore } from "./token-store"

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined)

/** `auth status codex`: account, plan and expiry from the JWT claims (no network), masked tokens. */
export async function codexStatus(store: CodexTokenStore): Promise<CredentialStatus> {
  const { stored: data, corrupt } = await readStoredLogin(() => store.read(true))
  if (corrupt) return loggedOutStatus(store.path, { error: corrupt.message })
  const tokens = codexTokens(data)
  if (!tokens) return loggedOutStatus(store.path, { hint: "run `ccproxy auth login codex`, or log in with the Codex CLI (`codex login`)" })
  const record = tokensToRecord(tokens)
  const idClaims = decodeJwtClaims(tokens.id_token) ?? {}
  const openai = openaiClaims(tokens.id_token) ?? openaiClaims(tokens.access_token) ?? {}
  const expiry = record.expiresAt === undefined ? { expires_at: null, expiry_known: false, expired: false } : expiryDetails(record.expiresAt)
  const refreshable = record.refreshToken !== undefined
  return {
    loggedIn: !expiry.expired || refreshable,
    details: compact({
      source: "file",
      file: store.path,
      email: text(idClaims.email),
      name: text(idClaims.name),
      plan: text(openai.chatgpt_plan_type),
      account_id: record.accountId,
      ...expiry,
      refreshable,
      last_refresh: text(data?.last_refresh),
      access_token: maskedToken(tokens.access_token),
      refresh_token: maskedToken(record.refreshToken),
    }),
  }
}
