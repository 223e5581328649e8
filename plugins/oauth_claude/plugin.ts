import { defineAuthProviderPlugin } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { refreshHookEmitter, serveCredentials } from "~/auth/credential-service"
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
    const deps = { config: context.config, logger: context.logger, onRefresh: refreshHookEmitter(context, PROVIDER_NAME) }
    return serveCredentials(context, {
      provider: PROVIDER_NAME,
      label: "Claude",
      manager: claudeTokenManager(deps),
      // Which one, by name: the variable, the setting or the file (CI debugging starts here).
      origin: (health) => ({ env: "CLAUDE_CODE_OAUTH_TOKEN", config: "plugins.oauth_claude.oauth_token", file: claudeTokenStore(deps).path })[health.source] ?? health.source,
    })
  },
})
