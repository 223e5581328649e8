import { credentialServiceName, type CredentialHealth, type CredentialSource } from "~/auth/credential-source"
import { PluginError } from "~/core/errors"
import type { PluginContext } from "~/core/plugins/context"
import type { PluginHealth } from "~/core/plugins/runtime"

/**
 * Per-instance state of a provider plugin, keyed by its config object, so several servers
 * can share a process. Routes read it at request time; `setup` fills it.
 */
export class ProviderStates<S> {
  private readonly states = new WeakMap<object, S>()

  constructor(private readonly plugin: string) {}

  set(config: object, state: S): void {
    this.states.set(config, state)
  }

  delete(config: object): void {
    this.states.delete(config)
  }

  /** A reader for routes; throws while the plugin is not initialized. */
  reader(config: object): () => S {
    return () => {
      const state = this.states.get(config)
      if (!state) throw new PluginError(this.plugin, "not initialized")
      return state
    }
  }
}

/** The credential source an auth plugin registered for `provider`, or a clear setup error. */
export function requireCredentials<T extends CredentialSource = CredentialSource>(context: PluginContext<unknown>, provider: string, authPlugin: string): T {
  const credentials = context.services.get<T>(credentialServiceName(provider))
  if (!credentials) throw new PluginError(context.name, `the ${authPlugin} plugin did not provide credentials`)
  return credentials
}

/**
 * Provider health from a fresh look at the credentials (another program may have fixed them
 * since a failed refresh), plus the provider's own details.
 */
export async function credentialHealth(credentials: CredentialSource, details: Record<string, unknown>): Promise<PluginHealth> {
  const health: CredentialHealth = (await credentials.inspect?.()) ?? credentials.health()
  return { status: health.present && !health.error ? "healthy" : "unhealthy", details: { ...details, credentials: health } }
}
