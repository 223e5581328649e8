import { terminalInteraction } from "~/auth/interaction"
import { runBrowserLogin } from "~/auth/login-command"
import { runLogout } from "~/auth/logout-command"
import { providerTokenManager, type OAuthProviderDeps } from "~/auth/oauth-provider-deps"
import { reportRefresh } from "~/auth/refresh-report"
import type { TokenManager } from "~/auth/token-manager"
import type { AuthCommandOptions, OAuthProvider } from "~/core/plugins/oauth"
import { codexTokens, tokensToRecord } from "./auth-file"
import type { OAuthCodexConfig } from "./config"
import { codexAuthorizeUrl, exchangeCodexCode } from "./oauth-client"
import { codexStatus } from "./status"
import { CodexTokenStore } from "./token-store"

export const PROVIDER_NAME = "codex"

export type CodexProviderDeps = OAuthProviderDeps<OAuthCodexConfig>

export function codexTokenStore(deps: CodexProviderDeps, file?: string): CodexTokenStore {
  return new CodexTokenStore({ config: deps.config, file, env: deps.env })
}

export function codexTokenManager(deps: CodexProviderDeps, file?: string): TokenManager {
  return providerTokenManager(PROVIDER_NAME, codexTokenStore(deps, file), deps)
}

/** `ccproxy auth login|status|refresh|logout codex`. */
export function createCodexOAuthProvider(deps: CodexProviderDeps): OAuthProvider {
  const interaction = deps.interaction ?? terminalInteraction
  const config = deps.config
  return {
    name: PROVIDER_NAME,
    displayName: "OpenAI Codex",
    aliases: ["openai"],
    description: "ChatGPT Plus/Pro subscription through the Codex CLI's OAuth login",
    plugin: "oauth_codex",

    async login(options: AuthCommandOptions) {
      const store = codexTokenStore(deps, options.file)
      return runBrowserLogin({
        options,
        interaction,
        config,
        readStored: () => store.read(true),
        existing(data) {
          const tokens = codexTokens(data)
          return tokens && { record: tokensToRecord(tokens), where: store.path }
        },
        flow: {
          manualRedirectUri: config.manual_redirect_uri || `http://localhost:${config.callback_port}${config.callback_path}`,
          manualHint: "After approving, the browser goes to a localhost address that may not load: copy that whole URL from the address bar.",
          authorizeUrl: (redirectUri, state, pkce) => codexAuthorizeUrl(config, redirectUri, state, pkce),
          exchange: (grant) => exchangeCodexCode(config, grant),
        },
        save(response) {
          const saved = store.saveLogin(response)
          interaction.print(`Logged in${saved.accountId ? ` (ChatGPT account ${saved.accountId})` : ""}. Credentials saved to ${store.path}.`)
        },
      })
    },

    status: (options) => codexStatus(codexTokenStore(deps, options.file)),

    async refresh(options) {
      const store = codexTokenStore(deps, options.file)
      const manager = codexTokenManager(deps, options.file)
      const fresh = await manager.refreshNow()
      return reportRefresh(interaction, { provider: PROVIDER_NAME, path: store.path, fresh, health: manager.health() })
    },

    async logout(options) {
      const store = codexTokenStore(deps, options.file)
      const removed = await runLogout(interaction, store, { yes: options.yes, login: "ChatGPT", question: `Remove the ChatGPT login from ${store.path}? The Codex CLI uses the same login.` })
      return removed ? 0 : 1
    },
  }
}
