import { moveAsideCorrupt } from "~/auth/credential-file"
import { terminalInteraction, type Interaction } from "~/auth/interaction"
import { runLoginFlow } from "~/auth/login-flow"
import { confirmLogout } from "~/auth/logout-confirmation"
import { reportRefresh } from "~/auth/refresh-report"
import { corruptFileHint, readStoredLogin } from "~/auth/stored-login"
import { TokenManager, type TokenManagerLogger } from "~/auth/token-manager"
import type { AuthCommandOptions, OAuthProvider } from "~/core/plugins/oauth"
import { codexTokens, tokensToRecord } from "./auth-file"
import type { OAuthCodexConfig } from "./config"
import { codexAuthorizeUrl, exchangeCodexCode } from "./oauth-client"
import { codexStatus } from "./status"
import { CodexTokenStore } from "./token-store"

export const PROVIDER_NAME = "codex"

export interface CodexProviderDeps {
  config: OAuthCodexConfig
  logger: TokenManagerLogger
  onRefresh?: (outcome: { ok: boolean; error?: string }) => void
  interaction?: Interaction
  env?: NodeJS.ProcessEnv
}

export function codexTokenStore(deps: CodexProviderDeps, file?: string): CodexTokenStore {
  return new CodexTokenStore({ config: deps.config, file, env: deps.env })
}

export function codexTokenManager(deps: CodexProviderDeps, file?: string): TokenManager {
  return new TokenManager({ provider: PROVIDER_NAME, store: codexTokenStore(deps, file), graceSeconds: deps.config.refresh_grace_seconds, logger: deps.logger, onRefresh: deps.onRefresh })
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
      const { stored, corrupt } = await readStoredLogin(() => store.read(true))
      if (corrupt && !options.force) {
        interaction.print(corruptFileHint(corrupt))
        return 1
      }
      const existing = codexTokens(stored)
      const expiresAt = existing && tokensToRecord(existing).expiresAt
      if (existing && !options.force && (expiresAt === undefined || expiresAt > Date.now())) {
        interaction.print(`Already logged in (${store.path}); use --force to log in again.`)
        return 0
      }
      const response = await runLoginFlow({
        callback: { port: config.callback_port, path: config.callback_path },
        manualRedirectUri: config.manual_redirect_uri || `http://localhost:${config.callback_port}${config.callback_path}`,
        manualHint: "After approving, the browser goes to a localhost address that may not load: copy that whole URL from the address bar.",
        authorizeUrl: (redirectUri, state, pkce) => codexAuthorizeUrl(config, redirectUri, state, pkce),
        exchange: (grant) => exchangeCodexCode(config, grant),
        timeoutMs: config.callback_timeout * 1000,
        manual: options.manual,
        noBrowser: options.noBrowser,
        interaction,
      })
      if (corrupt) interaction.print(`Moved the unusable ${corrupt.path} aside to ${moveAsideCorrupt(corrupt.path)}.`)
      const saved = store.saveLogin(response)
      interaction.print(`Logged in${saved.accountId ? ` (ChatGPT account ${saved.accountId})` : ""}. Credentials saved to ${store.path}.`)
      return 0
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
      if (!(await confirmLogout(interaction, options.yes, `Remove the ChatGPT login from ${store.path}? The Codex CLI uses the same login.`))) return 1
      const removed = store.removeLogin()
      interaction.print(removed === "none" ? `No ChatGPT login in ${store.path}; nothing to remove.` : removed === "file" ? `Removed ${store.path}.` : `Removed the ChatGPT login from ${store.path} (other settings in it kept).`)
      return 0
    },
  }
}
