import type { AccessCredentials, CredentialHealth, CredentialSource } from "./credential-source"
import { notLoggedIn } from "./errors"
import type { LoadedTokens, TokenRecord, TokenStore } from "./token-store"

export interface TokenManagerLogger {
  info(message: string): void
  error(message: string): void
}

export interface TokenManagerOptions {
  /** Provider name, for messages: `claude-api`, `codex`. */
  provider: string
  store: TokenStore
  /** Refresh this many seconds before expiry. */
  graceSeconds: number
  logger: TokenManagerLogger
  /** After a failed refresh, wait this long before trying the same refresh token again. */
  failureCooldownMs?: number
  now?: () => number
  /** Told of every refresh this process attempts (metrics count them by result). */
  onRefresh?(outcome: { ok: boolean; error?: string }): void
}

interface Failure {
  refreshToken: string
  at: number
  message: string
}

const toAccess = (record: TokenRecord): AccessCredentials => (record.accountId ? { accessToken: record.accessToken, accountId: record.accountId } : { accessToken: record.accessToken })

/**
 * Keeps a provider's access token fresh: refreshes ahead of expiry, one refresh in flight
 * however many requests wait, storage re-read first (a refresh token works once, and Claude
 * Code or the Codex CLI may already have used it), failures logged and kept for health.
 */
export class TokenManager implements CredentialSource {
  private inflight: Promise<TokenRecord> | undefined
  private lastRefresh: CredentialHealth["lastRefresh"] = null
  private failure: Failure | undefined
  private seen: { present: boolean; source: string; expiresAt?: number; error?: string } = { present: false, source: "none" }
  private readonly now: () => number

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
  }

  async current(): Promise<AccessCredentials> {
    const { record } = await this.load()
    if (!this.dueForRefresh(record)) return toAccess(record)
    if (!record.refreshToken) {
      if (!this.expired(record)) return toAccess(record)
      throw notLoggedIn(this.options.provider, "the access token has expired and there is no refresh token")
    }
    return toAccess(await this.refreshOnce((fresh) => this.dueForRefresh(fresh), (stored) => !this.expired(stored)))
  }

  async afterUnauthorized(rejected: AccessCredentials): Promise<AccessCredentials> {
    return toAccess(await this.refreshOnce((fresh) => fresh.accessToken === rejected.accessToken, () => false))
  }

  /** `ccproxy auth refresh`: a refresh now, whatever the expiry. */
  async refreshNow(): Promise<TokenRecord> {
    return this.refreshOnce(() => true, () => false)
  }

  health(): CredentialHealth {
    const { present, source, expiresAt, error } = this.seen
    return {
      present,
      source,
      expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
      lastRefresh: this.lastRefresh,
      ...(error ? { error } : {}),
    }
  }

  /** Health after a fresh look at storage (for health endpoints, which may be async). */
  async inspect(): Promise<CredentialHealth> {
    await this.load().catch(() => undefined)
    return this.health()
  }

  private dueForRefresh(record: TokenRecord): boolean {
    return record.expiresAt !== undefined && record.expiresAt - this.now() <= this.options.graceSeconds * 1000
  }

  private expired(record: TokenRecord): boolean {
    return record.expiresAt !== undefined && record.expiresAt <= this.now()
  }

  private async load(reread = false): Promise<LoadedTokens> {
    let loaded: LoadedTokens | undefined
    try {
      loaded = await this.options.store.load({ reread })
    } catch (error) {
      this.seen = { present: false, source: "none", error: (error as Error).message }
      throw notLoggedIn(this.options.provider, (error as Error).message, { cause: error })
    }
    if (!loaded) {
      this.seen = { present: false, source: "none", error: `no credentials in ${this.options.store.describe()}` }
      throw notLoggedIn(this.options.provider, `not logged in (no credentials in ${this.options.store.describe()})`)
    }
    const error = this.failure && this.failure.refreshToken === loaded.record.refreshToken ? this.failure.message : undefined
    this.seen = { present: true, source: loaded.source, expiresAt: loaded.record.expiresAt, error }
    return loaded
  }

  /** Single-flight: every caller during a refresh shares its outcome. */
  private refreshOnce(stillStale: (stored: TokenRecord) => boolean, usableOnFailure: (stored: TokenRecord) => boolean): Promise<TokenRecord> {
    this.inflight ??= this.refresh(stillStale, usableOnFailure).finally(() => (this.inflight = undefined))
    return this.inflight
  }

  private async refresh(stillStale: (stored: TokenRecord) => boolean, usableOnFailure: (stored: TokenRecord) => boolean): Promise<TokenRecord> {
    const { record } = await this.load(true)
    if (!stillStale(record)) return record
    const provider = this.options.provider
    if (!record.refreshToken) throw notLoggedIn(provider, "the provider rejected the access token and it cannot be refreshed (long-lived token or no refresh token)")
    const recent = this.failure
    if (recent && recent.refreshToken === record.refreshToken && this.now() - recent.at < (this.options.failureCooldownMs ?? 30_000)) {
      if (usableOnFailure(record)) return record
      throw notLoggedIn(provider, `refreshing the access token failed (${recent.message})`)
    }
    try {
      const fresh = await this.options.store.refresh(record)
      this.failure = undefined
      this.lastRefresh = { at: new Date(this.now()).toISOString(), ok: true }
      this.seen = { ...this.seen, present: true, expiresAt: fresh.expiresAt, error: undefined }
      this.options.logger.info(`${provider}: access token refreshed${fresh.expiresAt ? `, valid until ${new Date(fresh.expiresAt).toISOString()}` : ""}`)
      this.options.onRefresh?.({ ok: true })
      return fresh
    } catch (error) {
      return this.afterFailedRefresh(record, error as Error, usableOnFailure)
    }
  }

  private async afterFailedRefresh(tried: TokenRecord, error: Error, usableOnFailure: (stored: TokenRecord) => boolean): Promise<TokenRecord> {
    // Another program may have won the race for the same refresh token: use what it saved.
    const again = await this.options.store.load({ reread: true }).catch(() => undefined)
    if (again && again.record.accessToken !== tried.accessToken && !this.expired(again.record)) return again.record
    const provider = this.options.provider
    this.failure = { refreshToken: tried.refreshToken!, at: this.now(), message: error.message }
    this.lastRefresh = { at: new Date(this.now()).toISOString(), ok: false, error: error.message }
    this.seen = { ...this.seen, error: `refresh failed: ${error.message}` }
    this.options.logger.error(`${provider}: refreshing the access token failed: ${error.message}; run \`ccproxy auth login ${provider}\``)
    this.options.onRefresh?.({ ok: false, error: error.message })
    if (usableOnFailure(tried)) return tried
    throw notLoggedIn(provider, `refreshing the access token failed (${error.message})`, { cause: error })
  }
}
