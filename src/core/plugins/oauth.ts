/** Options every `ccproxy auth` subcommand accepts. */
export interface AuthCommandOptions {
  /** `--file PATH`: another credential file than the provider's default. */
  file?: string
  json?: boolean
  yes?: boolean
  noBrowser?: boolean
  manual?: boolean
  force?: boolean
}

export interface CredentialStatus {
  loggedIn: boolean
  /** Shown to people: account, plan, expiry, scopes, masked tokens. */
  details: Record<string, unknown>
}

/**
 * An OAuth login a plugin provides; the CLI's `ccproxy auth` commands drive it.
 * Methods return an exit code (0 success) after printing what a person needs.
 */
export interface OAuthProvider {
  /** e.g. `claude-api`, `codex`, `copilot`. */
  name: string
  displayName: string
  aliases?: string[]
  description?: string
  plugin: string
  login(options: AuthCommandOptions): Promise<number>
  status(options: AuthCommandOptions): Promise<CredentialStatus>
  refresh(options: AuthCommandOptions): Promise<number>
  logout(options: AuthCommandOptions): Promise<number>
}

/** The registered OAuth providers, by name and alias. */
export class OAuthRegistry {
  private readonly providers = new Map<string, OAuthProvider>()

  register(provider: OAuthProvider): void {
    if (this.providers.has(provider.name)) throw new Error(`OAuth provider ${provider.name} is already registered`)
    this.providers.set(provider.name, provider)
  }

  get(nameOrAlias: string): OAuthProvider | undefined {
    const wanted = nameOrAlias.toLowerCase()
    return this.providers.get(wanted) ?? [...this.providers.values()].find((provider) => provider.aliases?.includes(wanted))
  }

  list(): OAuthProvider[] {
    return [...this.providers.values()]
  }
}
