import type { Interaction } from "./interaction"
import { TokenManager, type TokenManagerLogger, type TokenManagerOptions } from "./token-manager"
import type { TokenStore } from "./token-store"

export type RefreshListener = NonNullable<TokenManagerOptions["onRefresh"]>

/** What an auth plugin's OAuth provider and token manager are built from; tests pass their own interaction and env. */
export interface OAuthProviderDeps<Config extends { refresh_grace_seconds: number }> {
  config: Config
  logger: TokenManagerLogger
  onRefresh?: RefreshListener
  interaction?: Interaction
  env?: NodeJS.ProcessEnv
}

/** The token manager of an auth plugin's provider: refreshes `refresh_grace_seconds` ahead of expiry. */
export function providerTokenManager(
  provider: string,
  store: TokenStore,
  deps: OAuthProviderDeps<{ refresh_grace_seconds: number }>,
  tuning: Pick<TokenManagerOptions, "now" | "raceWaitMs"> = {},
): TokenManager {
  return new TokenManager({ provider, store, graceSeconds: deps.config.refresh_grace_seconds, logger: deps.logger, onRefresh: deps.onRefresh, ...tuning })
}
