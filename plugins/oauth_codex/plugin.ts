import { defineAuthProviderPlugin } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { refreshHookEmitter, serveCredentials } from "~/auth/credential-service"
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
    const deps = { config: context.config, logger: context.logger, onRefresh: refreshHookEmitter(context, PROVIDER_NAME) }
    return serveCredentials(context, {
      provider: PROVIDER_NAME,
      label: "Codex",
      manager: codexTokenManager(deps),
      origin: (health) => (health.source === "file" ? codexTokenStore(deps).path : health.source),
    })
  },
})
