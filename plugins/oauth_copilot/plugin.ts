import { defineAuthProviderPlugin } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import { refreshHookEmitter, serveCredentials } from "~/auth/credential-service"
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
    const deps = { config: context.config, logger: context.logger, onRefresh: refreshHookEmitter(context, PROVIDER_NAME) }
    const store = copilotTokenStore(deps)
    const manager = copilotTokenManager(deps, store)
    return serveCredentials(context, {
      provider: PROVIDER_NAME,
      label: "GitHub Copilot",
      manager,
      service: copilotCredentials(manager, store, context.config),
      origin: () => store.path,
      // The Copilot service token lives about half an hour and is renewed on demand: its expiry at startup says little.
      showExpiry: false,
    })
  },
})
