import { startCallbackServer, type CallbackServer } from "./callback-server"
import { PortInUseError } from "./errors"
import type { Interaction } from "./interaction"
import { checkedPastedCode } from "./manual-code"
import { createPkce, createState, type Pkce } from "./pkce"

export interface AuthorizationGrant {
  code: string
  redirectUri: string
  state: string
  pkce: Pkce
}

export interface LoginFlowOptions<T> {
  callback: { port: number; path: string; hostname?: string }
  /** Where the provider sends the browser when the person pastes the code by hand. */
  manualRedirectUri: string
  /** What to tell the person to paste in the manual flow. */
  manualHint: string
  authorizeUrl(redirectUri: string, state: string, pkce: Pkce): string
  exchange(grant: AuthorizationGrant): Promise<T>
  timeoutMs: number
  manual?: boolean
  noBrowser?: boolean
  interaction: Interaction
}

/**
 * PKCE authorization-code login: a loopback callback (browser opened unless `noBrowser`), or
 * pasting the code when asked (`manual`) or when the callback port is taken. The URL is
 * always printed, so a person on another machine can open it.
 */
export async function runLoginFlow<T>(options: LoginFlowOptions<T>): Promise<T> {
  const pkce = createPkce()
  const state = createState()
  const server = options.manual ? undefined : tryCallbackServer(options, state)
  if (!server) return manualLogin(options, state, pkce)
  try {
    const url = options.authorizeUrl(server.redirectUri, state, pkce)
    options.interaction.print(`Open this URL to log in:\n\n  ${url}\n`)
    if (!options.noBrowser && !(await options.interaction.openBrowser(url))) options.interaction.print("(could not open a browser; open the URL yourself)")
    options.interaction.print(`Waiting for the browser to come back to ${server.redirectUri} ...`)
    const code = await server.waitForCode(options.timeoutMs)
    return await options.exchange({ code, redirectUri: server.redirectUri, state, pkce })
  } finally {
    server.stop()
  }
}

function tryCallbackServer<T>(options: LoginFlowOptions<T>, state: string): CallbackServer | undefined {
  try {
    return startCallbackServer({ ...options.callback, state })
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error
    options.interaction.print(`Callback port ${error.port} is in use (another login running?); switching to pasting the code.`)
    return undefined
  }
}

async function manualLogin<T>(options: LoginFlowOptions<T>, state: string, pkce: Pkce): Promise<T> {
  const redirectUri = options.manualRedirectUri
  const url = options.authorizeUrl(redirectUri, state, pkce)
  options.interaction.print(`Open this URL to log in:\n\n  ${url}\n`)
  if (!options.noBrowser) await options.interaction.openBrowser(url)
  options.interaction.print(options.manualHint)
  const code = checkedPastedCode(await options.interaction.prompt("Paste it here:"), state)
  return options.exchange({ code, redirectUri, state, pkce })
}
