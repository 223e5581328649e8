import { removeFile, resolveSymlinks, updateJsonFile, type JsonObject } from "~/auth/credential-file"
import { UnsavedTokensError } from "~/auth/errors"
import type { TokenResponse } from "~/auth/token-endpoint"
import type { LoadedTokens, TokenRecord, TokenStore } from "~/auth/token-store"
import { WatchedJsonFile } from "~/auth/watched-json-file"
import { chatgptAccountId, codexAuthPath, codexTokens, tokensToRecord, type CodexTokens } from "./auth-file"
import type { OAuthCodexConfig } from "./config"
import { refreshCodexToken } from "./oauth-client"

export interface CodexStoreOptions {
  config: OAuthCodexConfig
  /** `--file PATH` instead of the configured or default auth.json. */
  file?: string
  env?: NodeJS.ProcessEnv
  now?: () => number
}

/** The Codex CLI's auth.json, shared with it: unknown keys stay, writes are atomic. */
export class CodexTokenStore implements TokenStore {
  readonly path: string
  private readonly file: WatchedJsonFile

  constructor(private readonly options: CodexStoreOptions) {
    this.path = codexAuthPath(options.file ?? options.config.credentials_file, options.env)
    this.file = new WatchedJsonFile(this.path)
  }

  describe(): string {
    return this.path
  }

  lockPath(): string {
    return `${resolveSymlinks(this.path)}.lock`
  }

  /** The whole file, for status (last_refresh and such). */
  read(reread = false): JsonObject | undefined {
    return this.file.read(reread)
  }

  async load(options: { reread?: boolean } = {}): Promise<LoadedTokens | undefined> {
    const tokens = codexTokens(this.file.read(options.reread))
    return tokens && { record: tokensToRecord(tokens), source: "file" }
  }

  async refresh(record: TokenRecord): Promise<TokenRecord> {
    const response = await refreshCodexToken(this.options.config, record.refreshToken!)
    try {
      return this.save(response)
    } catch (error) {
      const renewed = tokensToRecord(renewedTokens({ access_token: record.accessToken, refresh_token: record.refreshToken }, response))
      throw new UnsavedTokensError(this.path, renewed, () => this.save(response), { cause: error })
    }
  }

  /** Stores a fresh login; marks the file as a ChatGPT login, as the Codex CLI does. */
  saveLogin(response: TokenResponse): TokenRecord {
    return this.save(response, { auth_mode: "chatgpt" })
  }

  /** Removes the ChatGPT tokens; removes the file when nothing with a value is left. */
  removeLogin(): "entry" | "file" | "none" {
    const data = this.file.read(true)
    if (!data || !("tokens" in data)) return "none"
    const { tokens: _tokens, last_refresh: _lastRefresh, ...rest } = data
    if (rest.auth_mode === "chatgpt") delete rest.auth_mode
    if (Object.values(rest).every((value) => value === null || value === undefined)) {
      removeFile(this.path)
      return "file"
    }
    updateJsonFile(this.path, () => rest)
    return "entry"
  }

  private save(response: TokenResponse, extra: JsonObject = {}): TokenRecord {
    const saved = updateJsonFile(this.path, (data) => {
      const previous = (data.tokens && typeof data.tokens === "object" ? data.tokens : {}) as JsonObject
      return { ...data, ...extra, tokens: renewedTokens(previous, response), last_refresh: new Date(this.now()).toISOString() }
    })
    return tokensToRecord(codexTokens(saved)!)
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}

/** The stored tokens after a token answer: what it omits (a refresh token that did not rotate) stays. */
function renewedTokens(previous: JsonObject, response: TokenResponse): CodexTokens {
  const tokens: CodexTokens = { ...previous, access_token: response.access_token }
  if (typeof response.id_token === "string" && response.id_token) tokens.id_token = response.id_token
  if (typeof response.refresh_token === "string" && response.refresh_token) tokens.refresh_token = response.refresh_token
  const fromClaims = chatgptAccountId({ ...tokens, account_id: undefined })
  if (fromClaims) tokens.account_id = fromClaims
  return tokens
}
