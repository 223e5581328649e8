/** Credentials as a token manager sees them, whatever file or service they came from. */
export interface TokenRecord {
  accessToken: string
  /** Absent for long-lived tokens (setup-token, config): those are never refreshed. */
  refreshToken?: string
  /** Epoch milliseconds; undefined when unknown or never. */
  expiresAt?: number
  accountId?: string
}

export interface LoadedTokens {
  record: TokenRecord
  /** "file", "keychain", "env" or "config". */
  source: string
  /**
   * Set when another program owns these tokens and refreshes them itself (Claude Code's
   * Keychain entry): ccproxy only reads them again, never refreshes them. `staleMessage` tells
   * the person how to renew them once they are no longer usable.
   */
  readOnly?: { staleMessage: string }
}

/** Where a provider's tokens live and how they are renewed; the token manager drives it. */
export interface TokenStore {
  /**
   * The stored credentials, undefined when there are none (not logged in). `reread` bypasses
   * any cache: another program may have refreshed them. Throws CredentialFileError when the
   * storage is unreadable.
   */
  load(options?: { reread?: boolean }): Promise<LoadedTokens | undefined>
  /**
   * Exchanges the refresh token, saves what comes back, returns it. Throws UnsavedTokensError,
   * carrying the new tokens, when they were renewed but could not be saved.
   */
  refresh(record: TokenRecord): Promise<TokenRecord>
  /** The lock file that keeps two ccproxy processes from refreshing these tokens at once. */
  lockPath?(): string
  /** Where the credentials are looked for, for messages (`~/.claude/.credentials.json`). */
  describe(): string
}
