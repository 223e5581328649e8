import { removeFile, resolveSymlinks, updateJsonFile, type JsonObject } from "~/auth/credential-file"
import { UnsavedTokensError } from "~/auth/errors"
import type { TokenResponse } from "~/auth/token-endpoint"
import type { LoadedTokens, TokenRecord, TokenStore } from "~/auth/token-store"
import { WatchedJsonFile } from "~/auth/watched-json-file"
import { AuthError } from "~/core/errors"
import type { OAuthClaudeConfig } from "./config"
import { claudeCredentialsPath, claudeEntry, ENTRY_KEY, entryToRecord, withEntry, withNewEntry, type ClaudeOAuthEntry } from "./credentials-file"
import { readKeychainCredentials } from "./keychain"
import { entryFromTokenResponse, refreshClaudeToken } from "./oauth-client"

export interface ClaudeStoreOptions {
  config: OAuthClaudeConfig
  /** `--file PATH`: that file only (no long-lived token, no Keychain). */
  file?: string
  env?: NodeJS.ProcessEnv
  keychain?: () => Promise<JsonObject | undefined>
  now?: () => number
}

/** Refreshing Claude Code's own login would spend its refresh token and sign it out. */
export const KEYCHAIN_STALE_MESSAGE =
  "the Claude Code login in the macOS Keychain is refreshed by Claude Code only, never by ccproxy; run `claude` once to renew it, or `ccproxy auth login claude-api` for a login of ccproxy's own"

/**
 * Claude credentials, first found wins: the configured long-lived token, CLAUDE_CODE_OAUTH_TOKEN,
 * Claude Code's credentials file, then (macOS) its Keychain entry. Saves go to the file.
 */
export class ClaudeTokenStore implements TokenStore {
  readonly path: string
  private readonly file: WatchedJsonFile
  private keychainData: Promise<JsonObject | undefined> | undefined

  constructor(private readonly options: ClaudeStoreOptions) {
    this.path = claudeCredentialsPath(options.file ?? options.config.credentials_file, options.env)
    this.file = new WatchedJsonFile(this.path)
  }

  describe(): string {
    return this.path
  }

  lockPath(): string {
    return `${resolveSymlinks(this.path)}.lock`
  }

  /** A long-lived token from config or the environment, unless a file was named. */
  longLivedToken(): { token: string; source: "config" | "env" } | undefined {
    if (this.options.file) return undefined
    if (this.options.config.oauth_token) return { token: this.options.config.oauth_token, source: "config" }
    const fromEnv = (this.options.env ?? process.env).CLAUDE_CODE_OAUTH_TOKEN
    return fromEnv ? { token: fromEnv, source: "env" } : undefined
  }

  /** The full stored entry (scopes, plan, ...) and where it came from, for status. */
  async entry(reread = false): Promise<{ entry: ClaudeOAuthEntry; source: "file" | "keychain" } | undefined> {
    const fromFile = claudeEntry(this.file.read(reread))
    if (fromFile) return { entry: fromFile, source: "file" }
    if (this.options.file || !this.options.config.use_keychain) return undefined
    // Only a found entry is cached: a login made with Claude Code later is picked up.
    if (reread || !this.keychainData || !(await this.keychainData)) this.keychainData = (this.options.keychain ?? (() => readKeychainCredentials()))()
    const fromKeychain = claudeEntry(await this.keychainData)
    return fromKeychain ? { entry: fromKeychain, source: "keychain" } : undefined
  }

  async load(options: { reread?: boolean } = {}): Promise<LoadedTokens | undefined> {
    const fixed = this.longLivedToken()
    if (fixed) return { record: { accessToken: fixed.token }, source: fixed.source }
    const found = await this.entry(options.reread)
    if (!found) return undefined
    const loaded = { record: entryToRecord(found.entry), source: found.source }
    return found.source === "keychain" ? { ...loaded, readOnly: { staleMessage: KEYCHAIN_STALE_MESSAGE } } : loaded
  }

  async refresh(record: TokenRecord): Promise<TokenRecord> {
    const found = await this.entry(true)
    if (found?.source === "keychain") throw new AuthError(KEYCHAIN_STALE_MESSAGE)
    const base = found?.entry
    const response = await refreshClaudeToken(this.options.config, record.refreshToken!)
    const update = entryFromTokenResponse(this.options.config, response, this.now())
    update.refreshToken ??= record.refreshToken
    if (!response.scope) delete update.scopes
    try {
      return this.save(update, base)
    } catch (error) {
      const renewed = entryToRecord(claudeEntry(withEntry({}, update, base))!)
      throw new UnsavedTokensError(this.path, renewed, () => this.save(update, base), { cause: error })
    }
  }

  /**
   * Stores a fresh login as the whole entry, so nothing of a previous account (plan, rate
   * limit tier) stays; other keys in the file are kept.
   */
  saveLogin(response: TokenResponse, subscriptionType?: string): TokenRecord {
    const entry = entryFromTokenResponse(this.options.config, response, this.now())
    entry.subscriptionType ??= subscriptionType
    const saved = updateJsonFile(this.path, (data) => withNewEntry(data, entry))
    return entryToRecord(claudeEntry(saved)!)
  }

  /** Removes our entry; removes the file when nothing else is in it. */
  removeLogin(): "entry" | "file" | "none" {
    const data = this.file.read(true)
    if (!data || !(ENTRY_KEY in data)) return "none"
    const { [ENTRY_KEY]: _removed, ...rest } = data
    if (Object.keys(rest).length === 0) {
      removeFile(this.path)
      return "file"
    }
    updateJsonFile(this.path, ({ [ENTRY_KEY]: _gone, ...others }) => others)
    return "entry"
  }

  private save(update: Partial<ClaudeOAuthEntry>, base?: ClaudeOAuthEntry): TokenRecord {
    const saved = updateJsonFile(this.path, (data) => withEntry(data, update, base))
    return entryToRecord(claudeEntry(saved)!)
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}
