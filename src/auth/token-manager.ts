import { AuthError } from "~/core/errors"
import type { AccessCredentials, CredentialHealth, CredentialSource } from "./credential-source"
import { notLoggedIn, TokenEndpointError, UnsavedTokensError } from "./errors"
import { withFileLock, type FileLockOptions } from "./file-lock"
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
  /** After the endpoint refused a refresh token, watch storage this long for the tokens the program that used it first saves. */
  raceWaitMs?: number
  /** Refreshed tokens that could not be saved are written again at most this often. */
  saveRetryMs?: number
  lock?: FileLockOptions
  now?: () => number
  /** Told of every refresh this process attempts (metrics count them by result). */
  onRefresh?(outcome: { ok: boolean; error?: string }): void
}

interface Failure {
  refreshToken: string
  at: number
  message: string
}

/** New tokens only this process knows: the store still holds `replaced`, whose refresh token is spent. */
interface Unsaved {
  record: TokenRecord
  replaced: TokenRecord
  retrySave: () => TokenRecord
  triedAt: number
  warning: string
}

type Attempt = { record: TokenRecord } | { tried: TokenRecord; error: Error }
type Check = (stored: TokenRecord) => boolean

const toAccess = (record: TokenRecord): AccessCredentials => (record.accountId ? { accessToken: record.accessToken, accountId: record.accountId } : { accessToken: record.accessToken })
const sameTokens = (a: TokenRecord, b: TokenRecord) => a.accessToken === b.accessToken && a.refreshToken === b.refreshToken
const refused = (error: Error) => error instanceof TokenEndpointError && (error.httpStatus === 400 || error.httpStatus === 401)

/**
 * Keeps a provider's access token fresh: refreshes ahead of expiry, one refresh in flight
 * however many requests wait, storage re-read first under a lock file (a refresh token works
 * once, and Claude Code, the Codex CLI or another ccproxy may already have used it), failures
 * logged and kept for health, renewed tokens never dropped when they cannot be saved.
 */
export class TokenManager implements CredentialSource {
  private inflight: Promise<TokenRecord> | undefined
  private lastRefresh: CredentialHealth["lastRefresh"] = null
  private failure: Failure | undefined
  private unsaved: Unsaved | undefined
  private seen: { present: boolean; source: string; expiresAt?: number; error?: string; warning?: string } = { present: false, source: "none" }
  private readonly now: () => number

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
  }

  async current(): Promise<AccessCredentials> {
    const loaded = await this.load()
    const record = loaded.record
    if (!this.dueForRefresh(record)) return toAccess(record)
    if (!record.refreshToken && !loaded.readOnly) {
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
    // The caller (`ccproxy auth refresh`) prints the failure itself: no log line saying it twice.
    return this.refreshOnce(() => true, () => false, { logFailure: false })
  }

  health(): CredentialHealth {
    const { present, source, expiresAt, error, warning } = this.seen
    return {
      present,
      source,
      expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
      lastRefresh: this.lastRefresh,
      ...(error ? { error } : {}),
      ...(warning ? { warning } : {}),
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
    let stored: LoadedTokens | undefined
    try {
      stored = await this.options.store.load({ reread })
    } catch (error) {
      this.seen = { present: false, source: "none", error: (error as Error).message }
      throw notLoggedIn(this.options.provider, (error as Error).message, { cause: error })
    }
    if (!stored) {
      this.seen = { present: false, source: "none", error: `no credentials in ${this.options.store.describe()}` }
      throw notLoggedIn(this.options.provider, `not logged in (no credentials in ${this.options.store.describe()})`)
    }
    const loaded = this.withUnsaved(stored)
    this.forgetReplacedFailure(loaded.record)
    const failed = this.failure && this.failure.refreshToken === loaded.record.refreshToken ? this.failure.message : undefined
    const error = failed ?? (loaded.readOnly && this.expired(loaded.record) ? this.staleMessage(loaded) : undefined)
    this.seen = { present: true, source: loaded.source, expiresAt: loaded.record.expiresAt, error, warning: this.unsaved?.warning }
    return loaded
  }

  /** Tokens this process renewed but could not save win over the spent ones still in storage. */
  private withUnsaved(stored: LoadedTokens): LoadedTokens {
    const unsaved = this.unsaved
    if (!unsaved) return stored
    if (!sameTokens(stored.record, unsaved.replaced)) {
      this.unsaved = undefined
      return stored
    }
    if (this.now() - unsaved.triedAt >= (this.options.saveRetryMs ?? 30_000)) this.retrySave(unsaved)
    return { ...stored, record: unsaved.record }
  }

  private retrySave(unsaved: Unsaved): void {
    unsaved.triedAt = this.now()
    try {
      unsaved.retrySave()
      this.unsaved = undefined
      this.options.logger.info(`${this.options.provider}: the refreshed tokens are saved to ${this.options.store.describe()} now`)
    } catch {
      // still failing; the warning in health stays, and the error was logged when it began
    }
  }

  /** Another program logged in again or refreshed: an older failure says nothing about these tokens. */
  private forgetReplacedFailure(record: TokenRecord): void {
    if (!this.failure || this.failure.refreshToken === record.refreshToken) return
    this.failure = undefined
    if (this.lastRefresh?.ok === false) this.lastRefresh = null
  }

  private staleMessage(loaded: LoadedTokens): string {
    return `${this.expired(loaded.record) ? "the access token has expired; " : ""}${loaded.readOnly!.staleMessage}`
  }

  /** Single-flight: every caller during a refresh shares its outcome. */
  private refreshOnce(stillStale: Check, usableOnFailure: Check, options: { logFailure?: boolean } = {}): Promise<TokenRecord> {
    this.inflight ??= this.refresh(stillStale, usableOnFailure, options.logFailure ?? true).finally(() => (this.inflight = undefined))
    return this.inflight
  }

  private async refresh(stillStale: Check, usableOnFailure: Check, logFailure: boolean): Promise<TokenRecord> {
    const lockPath = this.options.store.lockPath?.()
    const attempt = () => this.refreshStored(stillStale, usableOnFailure)
    const outcome = lockPath ? await withFileLock(lockPath, attempt, this.options.lock) : await attempt()
    if ("record" in outcome) return outcome.record
    return this.afterFailedRefresh(outcome.tried, outcome.error, usableOnFailure, logFailure)
  }

  /** Re-read, refresh and save: the part another ccproxy process must not overlap. */
  private async refreshStored(stillStale: Check, usableOnFailure: Check): Promise<Attempt> {
    const loaded = await this.load(true)
    const record = loaded.record
    if (!stillStale(record)) return { record }
    const provider = this.options.provider
    if (loaded.readOnly) {
      if (usableOnFailure(record)) return { record }
      throw new AuthError(this.staleMessage(loaded))
    }
    if (!record.refreshToken) throw notLoggedIn(provider, "the provider rejected the access token and it cannot be refreshed (long-lived token or no refresh token)")
    const recent = this.failure
    if (recent && recent.refreshToken === record.refreshToken && this.now() - recent.at < (this.options.failureCooldownMs ?? 30_000)) {
      if (usableOnFailure(record)) return { record }
      throw notLoggedIn(provider, `refreshing the access token failed (${recent.message})`)
    }
    try {
      return { record: this.refreshed(await this.options.store.refresh(record)) }
    } catch (error) {
      if (!(error instanceof UnsavedTokensError)) return { tried: record, error: error as Error }
      this.keepUnsaved(record, error)
      return { record: this.refreshed(error.record) }
    }
  }

  private refreshed(fresh: TokenRecord): TokenRecord {
    this.failure = undefined
    this.lastRefresh = { at: new Date(this.now()).toISOString(), ok: true }
    this.seen = { ...this.seen, present: true, expiresAt: fresh.expiresAt, error: undefined }
    this.options.logger.info(`${this.options.provider}: access token refreshed${fresh.expiresAt ? `, valid until ${new Date(fresh.expiresAt).toISOString()}` : ""}`)
    this.options.onRefresh?.({ ok: true })
    return fresh
  }

  private keepUnsaved(replaced: TokenRecord, error: UnsavedTokensError): void {
    const warning = `refreshed tokens kept in memory only: ${error.message}`
    this.unsaved = { record: error.record, replaced, retrySave: error.retrySave, triedAt: this.now(), warning }
    this.seen = { ...this.seen, warning }
    this.options.logger.error(
      `${this.options.provider}: the access token was refreshed, but ${error.message}. The new tokens are kept in memory and the file still holds the spent refresh token: ` +
        `fix the file (permissions, disk space) so ccproxy can save them, or log in again after ccproxy stops`,
    )
  }

  private async afterFailedRefresh(tried: TokenRecord, error: Error, usableOnFailure: Check, logFailure: boolean): Promise<TokenRecord> {
    const winner = await this.newerStored(tried, refused(error) ? (this.options.raceWaitMs ?? 3000) : 0)
    if (winner) return winner
    const provider = this.options.provider
    this.failure = { refreshToken: tried.refreshToken!, at: this.now(), message: error.message }
    this.lastRefresh = { at: new Date(this.now()).toISOString(), ok: false, error: error.message }
    this.seen = { ...this.seen, error: `refresh failed: ${error.message}` }
    if (logFailure) this.options.logger.error(`${provider}: refreshing the access token failed: ${error.message}; run \`ccproxy auth login ${provider}\``)
    this.options.onRefresh?.({ ok: false, error: error.message })
    if (usableOnFailure(tried)) return tried
    throw notLoggedIn(provider, `refreshing the access token failed (${error.message})`, { cause: error })
  }

  /**
   * A refused refresh token may have been used a moment earlier by Claude Code or the Codex
   * CLI, which save their answer only when it arrives: watch storage for it a little while.
   */
  private async newerStored(tried: TokenRecord, waitMs: number): Promise<TokenRecord | undefined> {
    const until = Date.now() + waitMs
    const spent = this.unsaved?.replaced
    for (;;) {
      const again = (await this.options.store.load({ reread: true }).catch(() => undefined))?.record
      if (again && !sameTokens(again, tried) && !(spent && sameTokens(again, spent)) && !this.expired(again)) return again
      if (Date.now() >= until) return undefined
      await Bun.sleep(100)
    }
  }
}
