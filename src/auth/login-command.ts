import type { AuthCommandOptions } from "~/core/plugins/oauth"
import { moveAsideCorrupt } from "./credential-file"
import type { Interaction } from "./interaction"
import { runLoginFlow, type LoginFlowOptions } from "./login-flow"
import { corruptFileHint, readStoredLogin } from "./stored-login"
import type { TokenRecord } from "./token-store"

/** The loopback callback settings every browser-login plugin has (`[plugins.oauth_*]`). */
export interface CallbackSettings {
  callback_port: number
  callback_path: string
  callback_timeout: number
}

export interface BrowserLoginOptions<Stored, Response> {
  options: AuthCommandOptions
  interaction: Interaction
  config: CallbackSettings
  /** The login stored now; throws CredentialFileError when its file is unusable. */
  readStored(): Stored | Promise<Stored>
  /** The stored login's tokens and where they are (for "already logged in"); undefined when there is none. */
  existing(stored: Stored | undefined): { record: TokenRecord; where: string } | undefined
  flow: Pick<LoginFlowOptions<Response>, "manualRedirectUri" | "manualHint" | "authorizeUrl" | "exchange">
  /** Saves what the login brought and says so. */
  save(response: Response): Promise<void> | void
}

/**
 * `auth login` through the browser (PKCE). Without --force a login still valid is kept and a
 * corrupt credential file refused; with it, the corrupt file is moved aside once the new login
 * has come back.
 */
export async function runBrowserLogin<Stored, Response>(login: BrowserLoginOptions<Stored, Response>): Promise<number> {
  const { options, interaction, config } = login
  const { stored, corrupt } = await readStoredLogin(() => login.readStored())
  if (corrupt && !options.force) {
    interaction.print(corruptFileHint(corrupt))
    return 1
  }
  const existing = login.existing(stored)
  if (existing && !options.force && !expired(existing.record)) {
    interaction.print(`Already logged in (${existing.where}); use --force to log in again.`)
    return 0
  }
  const response = await runLoginFlow({
    ...login.flow,
    callback: { port: config.callback_port, path: config.callback_path },
    timeoutMs: config.callback_timeout * 1000,
    manual: options.manual,
    noBrowser: options.noBrowser,
    interaction,
  })
  if (corrupt) interaction.print(`Moved the unusable ${corrupt.path} aside to ${moveAsideCorrupt(corrupt.path)}.`)
  await login.save(response)
  return 0
}

const expired = (record: TokenRecord) => record.expiresAt !== undefined && record.expiresAt <= Date.now()
