import { defineAuthProviderPlugin, HookEvent } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { oauthClaudeConfig } from "./config"
import { claudeTokenManager, claudeTokenStore, createClaudeOAuthProvider, PROVIDER_NAME } from "./provider"

/**
 * Claude Pro/Max login: `ccproxy auth ... claude-api`, and the `credentials:claude-api`
 * service the claude_api provider asks for a fresh access token on every request.
 */
export const factory = defineAuthProviderPlugin({
  name: "oauth_claude",
  version: "1.0.0",
  description: "Claude Code OAuth login (provider claude-api): login, status, refresh, logout, fresh tokens for claude_api",
  config: oauthClaudeConfig,
  provides: [credentialServiceName(PROVIDER_NAME)],
  oauthProviderFactory: (context) => createClaudeOAuthProvider({ config: context.config, logger: context.logger }),
  async setup(context) {
    const onRefresh = (outcome: { ok: boolean; error?: string }) => context.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider: PROVIDER_NAME, ...outcome })
    const manager = claudeTokenManager({ config: context.config, logger: context.logger, onRefresh })
    context.services.register(credentialServiceName(PROVIDER_NAME), manager, context.name)
    const health = await manager.inspect()
    // Which one, by name: the variable, the setting or the file (CI debugging starts here).
    const from = { env: "CLAUDE_CODE_OAUTH_TOKEN", config: "plugins.oauth_claude.oauth_token", file: claudeTokenStore({ config: context.config, logger: context.logger }).path }[health.source] ?? health.source
    if (health.present) context.logger.info(`Claude credentials from ${from}${health.expiresAt ? `, access token valid until ${health.expiresAt}` : ""}`)
    else context.logger.warn(`no Claude credentials (${health.error}); run \`ccproxy auth login ${PROVIDER_NAME}\``)
    return {
      async healthCheck() {
        const details = await manager.inspect()
        return { status: details.present && !details.error ? "healthy" : "unhealthy", details: { ...details } }
      },
    }
  },
})
