import { TokenEndpointError } from "~/auth/errors"
import { terminalInteraction } from "~/auth/interaction"
import { runLogout } from "~/auth/logout-command"
import { providerTokenManager, type OAuthProviderDeps } from "~/auth/oauth-provider-deps"
import type { TokenManager } from "~/auth/token-manager"
import type { AuthCommandOptions, OAuthProvider } from "~/core/plugins/oauth"
import type { OAuthCopilotConfig } from "./config"
import { exchangeCopilotToken, githubLogin } from "./copilot-token"
import { githubToken, storedAccountType } from "./credentials-file"
import { runDeviceFlow, type DeviceFlowClock } from "./device-flow"
import { copilotStatus } from "./status"
import { CopilotTokenStore } from "./token-store"

export const PROVIDER_NAME = "copilot"

export interface CopilotProviderDeps extends OAuthProviderDeps<OAuthCopilotConfig> {
  /** Tests drive the device flow's waits. */
  clock?: DeviceFlowClock
  now?: () => number
}

export function copilotTokenStore(deps: CopilotProviderDeps, file?: string): CopilotTokenStore {
  return new CopilotTokenStore({ config: deps.config, file, env: deps.env, now: deps.now })
}

export function copilotTokenManager(deps: CopilotProviderDeps, store: CopilotTokenStore): TokenManager {
  // raceWaitMs 0: the GitHub token is not spent by an exchange, so a refused exchange is no
  // race with another program to wait out; the client hears at once.
  return providerTokenManager(PROVIDER_NAME, store, deps, { now: deps.now, raceWaitMs: 0 })
}

/** `ccproxy auth login|status|refresh|logout copilot`. */
export function createCopilotOAuthProvider(deps: CopilotProviderDeps): OAuthProvider {
  const interaction = deps.interaction ?? terminalInteraction
  const config = deps.config
  return {
    name: PROVIDER_NAME,
    displayName: "GitHub Copilot",
    aliases: ["github-copilot", "github"],
    description: "GitHub Copilot subscription through GitHub's device login",
    plugin: "oauth_copilot",

    async login(options: AuthCommandOptions) {
      const store = copilotTokenStore(deps, options.file)
      if (githubToken(store.read(true)) && !options.force) {
        interaction.print(`Already logged in (${store.path}); use --force to log in again.`)
        return 0
      }
      const oauth = await runDeviceFlow(config, interaction, deps.clock, { noBrowser: options.noBrowser })
      const token = String(oauth.access_token)
      // Checked now, so a GitHub account without Copilot is told at login, not at the first request.
      // GitHub down or busy says nothing about the account: the GitHub token is kept then (the
      // person just entered the code), and the Copilot token exchanged at the first request.
      const copilot = await exchangeCopilotToken(config, token).catch((error: unknown) => {
        if (error instanceof TokenEndpointError && (error.httpStatus === undefined || error.httpStatus === 429 || error.httpStatus >= 500)) return error
        throw error
      })
      const login = await githubLogin(config, token)
      store.saveLogin(oauth, copilot instanceof TokenEndpointError ? undefined : copilot, login)
      if (copilot instanceof TokenEndpointError) {
        interaction.print(`Logged in${login ? ` as ${login}` : ""}; GitHub token saved to ${store.path}.`)
        interaction.print(`The Copilot token could not be fetched yet (${copilot.message}); it is fetched at the first request, or run \`ccproxy auth refresh copilot\`.`)
        return 0
      }
      const accountType = storedAccountType(store.read(true))
      interaction.print(`Logged in${login ? ` as ${login}` : ""} (Copilot ${accountType ?? "individual"}). Credentials saved to ${store.path}.`)
      return 0
    },

    status: (options) => copilotStatus(copilotTokenStore(deps, options.file)),

    async refresh(options) {
      const store = copilotTokenStore(deps, options.file)
      const fresh = await copilotTokenManager(deps, store).refreshNow()
      interaction.print(`Copilot token renewed${fresh.expiresAt ? `; renewed again after ${new Date(fresh.expiresAt).toISOString()}` : ""}. Saved to ${store.path}.`)
      return 0
    },

    async logout(options) {
      const store = copilotTokenStore(deps, options.file)
      if (!(await runLogout(interaction, store, { yes: options.yes, login: "Copilot", question: `Remove the GitHub Copilot login from ${store.path}?` }))) return 1
      interaction.print("The GitHub authorization itself stays until you revoke it at https://github.com/settings/applications.")
      return 0
    },
  }
}
