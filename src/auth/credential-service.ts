import type { PluginContext } from "~/core/plugins/context"
import type { PluginInstance } from "~/core/plugins/factory"
import { HookEvent } from "~/core/plugins/hook-events"
import { credentialServiceName, type CredentialHealth, type CredentialSource } from "./credential-source"
import type { RefreshListener } from "./oauth-provider-deps"
import type { TokenManager } from "./token-manager"

/** Every refresh the token manager attempts, as an `oauth.refresh.response` hook event (metrics counts them). */
export function refreshHookEmitter(context: PluginContext<unknown>, provider: string): RefreshListener {
  return (outcome) => context.hooks.emit(HookEvent.OAUTH_REFRESH_RESPONSE, { provider, ...outcome })
}

export interface CredentialServiceOptions {
  provider: string
  /** The credentials' name in the startup line: `Claude`, `Codex`, `GitHub Copilot`. */
  label: string
  manager: TokenManager
  /** Registered as `credentials:<provider>`: the manager itself unless the plugin adds to it. */
  service?: CredentialSource
  /** Where the credentials were found, for the startup line: a file, a variable, a setting. */
  origin(health: CredentialHealth): string
  /** Whether the startup line says until when the access token is valid (default true). */
  showExpiry?: boolean
}

/**
 * An auth plugin's setup once its token manager exists: registers `credentials:<provider>`,
 * logs where the credentials come from (or what to run without them) and reports their health.
 */
export async function serveCredentials(context: PluginContext<unknown>, options: CredentialServiceOptions): Promise<PluginInstance> {
  const { provider, label, manager } = options
  context.services.register(credentialServiceName(provider), options.service ?? manager, context.name)
  const health = await manager.inspect()
  const validUntil = options.showExpiry !== false && health.expiresAt ? `, access token valid until ${health.expiresAt}` : ""
  if (health.present) context.logger.info(`${label} credentials from ${options.origin(health)}${validUntil}`)
  else context.logger.warn(`no ${label} credentials (${health.error}); run \`ccproxy auth login ${provider}\``)
  return {
    async healthCheck() {
      const details = await manager.inspect()
      return { status: details.present && !details.error ? "healthy" : "unhealthy", details: { ...details } }
    },
  }
}
