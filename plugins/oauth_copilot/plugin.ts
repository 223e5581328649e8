import { defineAuthProviderPlugin, HookEvent } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { oauthCopilotConfig } from "./config"
import { copilotCredentials } from "./credentials"
import { copilotTokenManager, copilotTokenStore, createCopilotOAuthProvider, PROVIDER_NAME } from "./provider"

/**
 * GitHub Copilot login: `ccproxy auth ... copilot` (GitHub device flow), and the
 * `credentials:copilot` service giving the copilot provider a fresh Copilot service token.
 */
export const factory = defineAuthProviderPlugin({
  name: "oauth_copilot",
  version: "1.0.0",
  description: "GitHub Copilot device login (provider copilot): login, status, refresh, logout, Copilot tokens for copilot",
  config: oauthCopilotConfig,
  provides: [credentialServiceName(PROVIDER_NAME)],
  oauthProviderFactory: (context) => createCopilotOAuthProvider({ config: context.config, logger: context.logger }),
  async setup(context) {
    const onRefresh = (outcome: { ok: boolean; error?: string }) => context.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider: PROVIDER_NAME, ...outcome })
    const deps = { config: context.config, logger: context.logger, onRefresh }
    const store = copilotTokenStore(deps)
    const manager = copilotTokenManager(deps, store)
    context.services.register(credentialServiceName(PROVIDER_NAME), copilotCredentials(manager, store, context.config), context.name)
    const health = await manager.inspect()
    if (health.present) context.logger.info(`GitHub Copilot credentials from ${store.path}`)
    else context.logger.warn(`no GitHub Copilot credentials (${health.error}); run \`ccproxy auth login ${PROVIDER_NAME}\``)
    return {
      async healthCheck() {
        const details = await manager.inspect()
        return { status: details.present && !details.error ? "healthy" : "unhealthy", details: { ...details } }
      },
    }
  },
})
