import type { JsonObject } from "~/auth/credential-file"
import { terminalInteraction } from "~/auth/interaction"
import { runBrowserLogin } from "~/auth/login-command"
import { runLogout } from "~/auth/logout-command"
import { providerTokenManager, type OAuthProviderDeps } from "~/auth/oauth-provider-deps"
import { reportRefresh } from "~/auth/refresh-report"
import type { TokenManager } from "~/auth/token-manager"
import type { AuthCommandOptions, OAuthProvider } from "~/core/plugins/oauth"
import type { OAuthClaudeConfig } from "./config"
import { entryToRecord } from "./credentials-file"
import { claudeAuthorizeUrl, exchangeClaudeCode } from "./oauth-client"
import { lookUpAccount } from "./profile"
import { claudeStatus } from "./status"
import { ClaudeTokenStore } from "./token-store"

export const PROVIDER_NAME = "claude-api"

export interface ClaudeProviderDeps extends OAuthProviderDeps<OAuthClaudeConfig> {
  keychain?: () => Promise<JsonObject | undefined>
  profileCachePath?: string
}

export function claudeTokenStore(deps: ClaudeProviderDeps, file?: string): ClaudeTokenStore {
  return new ClaudeTokenStore({ config: deps.config, file, env: deps.env, keychain: deps.keychain })
}

export function claudeTokenManager(deps: ClaudeProviderDeps, file?: string): TokenManager {
  return providerTokenManager(PROVIDER_NAME, claudeTokenStore(deps, file), deps)
}

/** `ccproxy auth login|status|refresh|logout claude-api`. */
export function createClaudeOAuthProvider(deps: ClaudeProviderDeps): OAuthProvider {
  const interaction = deps.interaction ?? terminalInteraction
  const config = deps.config
  return {
    name: PROVIDER_NAME,
    displayName: "Claude API",
    aliases: ["claude", "claude_api"],
    description: "Claude Pro/Max subscription through Claude Code's OAuth login",
    plugin: "oauth_claude",

    async login(options: AuthCommandOptions) {
      const store = claudeTokenStore(deps, options.file)
      return runBrowserLogin({
        options,
        interaction,
        config,
        readStored: () => store.entry(true),
        existing: (found) => found && { record: entryToRecord(found.entry), where: found.source === "file" ? store.path : "macOS Keychain" },
        flow: {
          manualRedirectUri: config.manual_redirect_uri,
          manualHint: "After approving, the page shows a code (code#state): copy all of it.",
          authorizeUrl: (redirectUri, state, pkce) => claudeAuthorizeUrl(config, redirectUri, state, pkce),
          exchange: (grant) => exchangeClaudeCode(config, grant),
        },
        async save(response) {
          const saved = store.saveLogin(response, typeof response.subscription_type === "string" ? undefined : await subscriptionFromProfile(deps, response.access_token, store.path))
          interaction.print(`Logged in. Credentials saved to ${store.path}${saved.expiresAt ? ` (access token valid until ${new Date(saved.expiresAt).toISOString()}, refreshed automatically)` : ""}.`)
          if (store.longLivedToken()) interaction.print("Note: a long-lived token (CLAUDE_CODE_OAUTH_TOKEN or oauth_token) is set and takes precedence over this login.")
        },
      })
    },

    status: (options) => claudeStatus(deps, claudeTokenStore(deps, options.file)),

    async refresh(options) {
      const store = claudeTokenStore(deps, options.file)
      if (store.longLivedToken()) {
        interaction.print("A long-lived token (CLAUDE_CODE_OAUTH_TOKEN or oauth_token) is in use; it cannot be refreshed.")
        return 1
      }
      const manager = claudeTokenManager(deps, options.file)
      const fresh = await manager.refreshNow()
      return reportRefresh(interaction, { provider: PROVIDER_NAME, path: store.path, fresh, health: manager.health() })
    },

    async logout(options) {
      const store = claudeTokenStore(deps, options.file)
      if (!(await runLogout(interaction, store, { yes: options.yes, login: "Claude", question: `Remove the Claude login from ${store.path}? Claude Code uses the same login.` }))) return 1
      if (store.longLivedToken()) interaction.print("A long-lived token (CLAUDE_CODE_OAUTH_TOKEN or oauth_token) is still set and will keep being used.")
      return 0
    },
  }
}

/** Claude Code's `subscriptionType` for the new account when the token answer has none: its plan, if a paid one. */
async function subscriptionFromProfile(deps: ClaudeProviderDeps, accessToken: string, credentialsPath: string): Promise<string | undefined> {
  const { account } = await lookUpAccount({ profileUrl: deps.config.profile_url, accessToken, credentialsPath, timeoutMs: deps.config.request_timeout * 1000, cachePath: deps.profileCachePath })
  return account?.plan === "max" || account?.plan === "pro" ? account.plan : undefined
}
