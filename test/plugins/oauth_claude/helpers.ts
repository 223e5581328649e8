import { Value } from "@sinclair/typebox/value"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { oauthClaudeConfig, type OAuthClaudeConfig } from "../../../plugins/oauth_claude/config"
import { tempDir } from "../../helpers/oauth-fakes"

/** Config with defaults, callback on a free port, overridden as given; never the real endpoints in tests. */
export function claudeConfig(overrides: Partial<OAuthClaudeConfig> = {}): OAuthClaudeConfig {
  return Value.Default(oauthClaudeConfig, {
    callback_port: 0,
    use_keychain: false,
    token_url: "http://127.0.0.1:9/token",
    profile_url: "http://127.0.0.1:9/profile",
    ...overrides,
  }) as OAuthClaudeConfig
}

/** A credentials file path in a fresh folder, optionally written with this content. */
export function credentialsFile(content?: unknown): string {
  const path = join(tempDir("claude-"), ".credentials.json")
  if (content !== undefined) writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2), { mode: 0o600 })
  return path
}

export const HOUR = 3600_000
