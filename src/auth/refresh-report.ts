import type { CredentialHealth } from "./credential-source"
import type { Interaction } from "./interaction"
import type { TokenRecord } from "./token-store"

/**
 * What `auth refresh` prints, and its exit code. Renewed tokens that could not be saved live
 * only as long as the command, so that is a failure worth saying plainly.
 */
export function reportRefresh(interaction: Interaction, options: { provider: string; path: string; fresh: TokenRecord; health: CredentialHealth }): number {
  const { provider, path, fresh, health } = options
  if (health.warning) {
    interaction.print(`The access token was refreshed, but not saved (${health.warning}); the file still holds the spent refresh token. Make ${path} writable, then run \`ccproxy auth login ${provider}\`.`)
    return 1
  }
  interaction.print(`Refreshed${fresh.expiresAt ? `; valid until ${new Date(fresh.expiresAt).toISOString()}` : ""}. Saved to ${path}.`)
  return 0
}
