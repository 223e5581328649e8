/**
 * The contract between an auth plugin and the provider plugins that use its login.
 * An auth plugin registers one under the service name `credentials:<provider name>`
 * (`credentials:claude-api`, `credentials:codex`); providers declare a dependency on it.
 */
export interface AccessCredentials {
  accessToken: string
  /** Provider-specific account id (ChatGPT account for Codex); absent when not applicable. */
  accountId?: string
}

export interface CredentialHealth {
  /** Whether usable credentials are present at all. */
  present: boolean
  /** "file", "keychain", "env", "config" or "none". */
  source: string
  /** ISO time the access token expires; null when it never does. */
  expiresAt: string | null
  /** Outcome of the last refresh attempt this process made, if any. */
  lastRefresh: { at: string; ok: boolean; error?: string } | null
  /** Why the credentials are not usable right now (missing, corrupt file, failed refresh). */
  error?: string
  /** Usable, but at risk: refreshed tokens that could not be saved and live only in memory. */
  warning?: string
}

export interface CredentialSource {
  /**
   * Credentials valid now: refreshed ahead of expiry within the grace window, with one
   * refresh in flight however many callers wait. Throws AuthError (401) telling the person
   * to run `ccproxy auth login <provider>` when there is nothing usable.
   */
  current(): Promise<AccessCredentials>
  /**
   * After the upstream rejected `rejected` with 401: re-read storage (another program may
   * have refreshed), else refresh once (single-flight); throws AuthError when that fails.
   */
  afterUnauthorized(rejected: AccessCredentials): Promise<AccessCredentials>
  health(): CredentialHealth
  /** Health after a fresh look at storage, where the source can take one. */
  inspect?(): Promise<CredentialHealth>
}

export function credentialServiceName(provider: string): string {
  return `credentials:${provider}`
}
