import { removeFile, updateJsonFile, type JsonObject } from "~/auth/credential-file"
import { TokenEndpointError } from "~/auth/errors"
import type { LoadedTokens, TokenRecord, TokenStore } from "~/auth/token-store"
import { WatchedJsonFile } from "~/auth/watched-json-file"
import type { OAuthCopilotConfig } from "./config"
import { exchangeCopilotToken } from "./copilot-token"
import { accountTypeFromApi, copilotCredentialsPath, copilotToken, githubToken, toRecord, type CopilotToken } from "./credentials-file"

/** Keys this plugin owns in the credentials file; anything else in it is left alone. */
const OWN_KEYS = ["oauth_token", "copilot_token", "account_type", "github_login", "created_at", "updated_at"]

export interface CopilotStoreOptions {
  config: OAuthCopilotConfig
  /** `--file PATH` instead of the configured or default file. */
  file?: string
  env?: NodeJS.ProcessEnv
  now?: () => number
}

/**
 * `~/.config/copilot/credentials.json`: the GitHub token from the login and the Copilot token
 * exchanged from it (facts §3.3 shape). Writes are atomic, 0600, unknown keys kept.
 */
export class CopilotTokenStore implements TokenStore {
  readonly path: string
  private readonly file: WatchedJsonFile
  private failure: { githubToken: string; error: TokenEndpointError } | undefined

  constructor(private readonly options: CopilotStoreOptions) {
    this.path = copilotCredentialsPath(options.file ?? options.config.credentials_file, options.env)
    this.file = new WatchedJsonFile(this.path)
  }

  describe(): string {
    return this.path
  }

  read(reread = false): JsonObject | undefined {
    return this.file.read(reread)
  }

  async load(options: { reread?: boolean } = {}): Promise<LoadedTokens | undefined> {
    const record = toRecord(this.file.read(options.reread))
    return record && { record, source: "file" }
  }

  /** A new Copilot token for the stored GitHub token. */
  async refresh(record: TokenRecord): Promise<TokenRecord> {
    let token: CopilotToken
    try {
      token = await exchangeCopilotToken(this.options.config, record.refreshToken!)
    } catch (error) {
      if (error instanceof TokenEndpointError) this.failure = { githubToken: record.refreshToken!, error }
      throw error
    }
    this.failure = undefined
    return toRecord(this.save({ copilot_token: token }))!
  }

  /** Why the last exchange for the GitHub token now stored failed; undefined after a success or a new login. */
  lastExchangeFailure(): TokenEndpointError | undefined {
    const failure = this.failure
    if (!failure) return undefined
    let current: string | undefined
    try {
      current = githubToken(this.file.read())
    } catch {
      return undefined
    }
    return current === failure.githubToken ? failure.error : undefined
  }

  /** The Copilot API host that came with this Copilot token (`endpoints.api`), if it did. */
  apiEndpoint(accessToken: string): string | undefined {
    const token = copilotToken(this.file.read())
    const api = token?.token === accessToken ? token.endpoints?.api : undefined
    return typeof api === "string" && api ? api : undefined
  }

  githubToken(): string | undefined {
    return githubToken(this.file.read())
  }

  /**
   * A fresh login: the GitHub token, the Copilot token it was checked with (none when GitHub
   * could not be asked; any older one goes, it belongs to the previous login), the account.
   */
  saveLogin(oauth: Record<string, unknown>, copilot: CopilotToken | undefined, login: string | undefined): void {
    const oauthToken: JsonObject = { access_token: oauth.access_token, token_type: oauth.token_type ?? "bearer", scope: oauth.scope ?? this.options.config.scopes.join(" "), created_at: this.seconds() }
    for (const key of ["expires_in", "refresh_token"]) if (oauth[key] !== undefined && oauth[key] !== null) oauthToken[key] = oauth[key]
    this.failure = undefined
    this.save({ oauth_token: oauthToken, copilot_token: copilot, created_at: this.seconds(), ...(login ? { github_login: login } : {}) })
  }

  /** Removes the login; the file too when nothing of anyone else's is left in it. */
  removeLogin(): "entry" | "file" | "none" {
    const data = this.file.read(true)
    if (!data || !githubToken(data)) return "none"
    const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !OWN_KEYS.includes(key)))
    if (Object.keys(rest).length === 0) {
      removeFile(this.path)
      return "file"
    }
    updateJsonFile(this.path, () => rest)
    return "entry"
  }

  private save(change: JsonObject): JsonObject {
    return updateJsonFile(this.path, (data) => {
      const next: JsonObject = { ...data, ...change, updated_at: this.seconds() }
      const copilot = change.copilot_token as CopilotToken | undefined
      const accountType = accountTypeFromApi(copilot?.endpoints?.api)
      if (accountType) next.account_type = accountType
      else next.account_type ??= "individual"
      return next
    })
  }

  private seconds(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000)
  }
}
