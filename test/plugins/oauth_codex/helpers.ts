import { Value } from "@sinclair/typebox/value"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { oauthCodexConfig, type OAuthCodexConfig } from "../../../plugins/oauth_codex/config"
import { fakeJwt, tempDir } from "../../helpers/oauth-fakes"

export function codexConfig(overrides: Partial<OAuthCodexConfig> = {}): OAuthCodexConfig {
  return Value.Default(oauthCodexConfig, { callback_port: 0, token_url: "http://127.0.0.1:9/token", ...overrides }) as OAuthCodexConfig
}

export function authFile(content?: unknown): string {
  const path = join(tempDir("codex-"), "auth.json")
  if (content !== undefined) writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2), { mode: 0o600 })
  return path
}

const AUTH = "https://api.openai.com/auth"

/** A ChatGPT access token expiring at `expiresAt` (ms) for this account. */
export function accessToken(expiresAt: number, account = "acct-1", tag = "a"): string {
  return fakeJwt({ exp: Math.floor(expiresAt / 1000), [AUTH]: { chatgpt_account_id: account }, tag })
}

export function idToken(account = "acct-1"): string {
  return fakeJwt({ email: "ada@example.com", name: "Ada", [AUTH]: { chatgpt_account_id: account, chatgpt_plan_type: "plus" } })
}

export const HOUR = 3600_000
