import { defineAuthProviderPlugin, HookEvent } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { oauthCodexConfig } from "./config"
import { codexTokenManager, codexTokenStore, createCodexOAuthProvider, PROVIDER_NAME } from "./provider"

/**
 * ChatGPT Plus/Pro login: `ccproxy auth ... codex`, and the `credentials:codex` service the
 * codex provider asks for a fresh access token and ChatGPT account id on every request.
 */
export const factory = defineAuthProviderPlugin({
  name: "oauth_codex",
  version: "1.0.0",
  description: "Codex CLI OAuth login (provider codex): login, status, refresh, logout, fresh tokens for codex",
  config: oauthCodexConfig,
  provides: [credentialServiceName(PROVIDER_NAME)],
  oauthProviderFactory: (context) => createCodexOAuthProvider({ config: context.config, logger: context.logger }),
  async setup(context) {
    const onRefresh = (outcome: { ok: boolean; error?: string }) => context.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider: PROVIDER_NAME, ...outcome })
    const manager = codexTokenManager({ config: context.config, logger: context.logger, onRefresh })
    context.services.register(credentialServiceName(PROVIDER_NAME), manager, context.name)
    const health = await manager.inspect()
    const from = health.source === "file" ? codexTokenStore({ config: context.config, logger: context.logger }).path : health.source
    if (health.present) context.logger.info(`Codex credentials from ${from}${health.expiresAt ? `, access token valid until ${health.expiresAt}` : ""}`)
    else context.logger.warn(`no Codex credentials (${health.error}); run \`ccproxy auth login ${PROVIDER_NAME}\``)
    return {
      async healthCheck() {
        const details = await manager.inspect()
        return { status: details.present && !details.error ? "healthy" : "unhealthy", details: { ...details } }
      },
    }
  },
})
