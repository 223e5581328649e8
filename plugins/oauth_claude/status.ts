import { compact, expiryDetails, loggedOutStatus, maskedToken } from "~/auth/status-details"
import { readStoredLogin } from "~/auth/stored-login"
import type { CredentialStatus } from "~/core/plugins/oauth"
import { lookUpAccount } from "./profile"
import type { ClaudeProviderDeps } from "./provider"
import type { ClaudeTokenStore } from "./token-store"

/** `auth status claude-api`: source, account and plan, expiry, scopes, masked tokens. */
export async function claudeStatus(deps: ClaudeProviderDeps, store: ClaudeTokenStore): Promise<CredentialStatus> {
  const account = (accessToken: string) =>
    lookUpAccount({ profileUrl: deps.config.profile_url, accessToken, credentialsPath: store.path, timeoutMs: deps.config.request_timeout * 1000, cachePath: deps.profileCachePath })
  const fixed = store.longLivedToken()
  if (fixed) {
    const profile = await account(fixed.token)
    return { loggedIn: true, details: compact({ source: fixed.source === "env" ? "env CLAUDE_CODE_OAUTH_TOKEN" : "config plugins.oauth_claude.oauth_token", ...accountDetails(profile), expires_at: null, refreshable: false, access_token: maskedToken(fixed.token) }) }
  }
  const { stored: found, corrupt } = await readStoredLogin(() => store.entry(true))
  if (corrupt) return loggedOutStatus(store.path, { error: corrupt.message })
  if (!found) return loggedOutStatus(store.path, { hint: "run `ccproxy auth login claude-api`, or log in with Claude Code" })
  const { entry } = found
  const expiry = expiryDetails(typeof entry.expiresAt === "number" ? entry.expiresAt : undefined)
  const refreshable = typeof entry.refreshToken === "string" && entry.refreshToken !== ""
  const profile = expiry.expired ? {} : await account(entry.accessToken)
  return {
    loggedIn: !expiry.expired || refreshable,
    details: compact({
      source: found.source,
      file: found.source === "file" ? store.path : undefined,
      ...accountDetails(profile),
      subscription: typeof entry.subscriptionType === "string" ? entry.subscriptionType : undefined,
      ...expiry,
      refreshable,
      scopes: Array.isArray(entry.scopes) ? entry.scopes : undefined,
      access_token: maskedToken(entry.accessToken),
      refresh_token: maskedToken(typeof entry.refreshToken === "string" ? entry.refreshToken : undefined),
    }),
  }
}

function accountDetails(profile: Awaited<ReturnType<typeof lookUpAccount>>): Record<string, unknown> {
  const account = profile.account
  return {
    email: account?.email,
    name: account?.name,
    organization: account?.organization,
    plan: account?.plan,
    profile_cached_at: profile.account && profile.error ? profile.cachedAt : undefined,
    profile_error: profile.error && !profile.account ? profile.error : undefined,
  }
}
