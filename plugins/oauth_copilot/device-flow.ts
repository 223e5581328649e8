import { LoginError, TokenEndpointError } from "~/auth/errors"
import type { Interaction } from "~/auth/interaction"
import type { OAuthCopilotConfig } from "./config"
import { githubMessage, githubRequest } from "./github-request"

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
/** RFC 8628 §3.5: each `slow_down` adds five seconds to the polling interval. */
const SLOW_DOWN_STEP_MS = 5000

export interface DeviceFlowClock {
  sleep(ms: number): Promise<void>
  now(): number
}

const realClock: DeviceFlowClock = { sleep: (ms) => Bun.sleep(ms), now: Date.now }

export interface DeviceCode {
  device_code: string
  user_code: string
  verification_uri: string
  expires_in: number
  interval: number
}

async function requestDeviceCode(config: OAuthCopilotConfig): Promise<DeviceCode> {
  const answer = await githubRequest({
    url: config.device_code_url,
    form: { client_id: config.client_id, scope: config.scopes.join(" ") },
    headers: { "User-Agent": config.user_agent },
    timeoutMs: config.request_timeout * 1000,
  })
  const data = answer.data
  if (answer.status !== 200 || typeof data.device_code !== "string" || typeof data.user_code !== "string" || typeof data.verification_uri !== "string") {
    throw new LoginError(`GitHub did not start the device login (${githubMessage(answer)})`)
  }
  return { ...(data as unknown as DeviceCode), expires_in: Number(data.expires_in) || 900, interval: Number(data.interval) || 5 }
}

function showCode(interaction: Interaction, code: DeviceCode): void {
  interaction.print(
    [
      "",
      "To log in to GitHub Copilot, open this page in a browser:",
      "",
      `  ${code.verification_uri}`,
      "",
      "and enter the code:",
      "",
      `  ${code.user_code}`,
      "",
      `The code is valid for ${Math.round(code.expires_in / 60)} minutes. Waiting for GitHub ...`,
    ].join("\n"),
  )
}

/**
 * GitHub's device flow: shows the code and the page, then polls at GitHub's interval until
 * the person has entered it. `slow_down` lengthens the interval; an expired code, a
 * refusal, or the overall timeout end the login with a LoginError saying what to do.
 */
export async function runDeviceFlow(config: OAuthCopilotConfig, interaction: Interaction, clock: DeviceFlowClock = realClock, options: { noBrowser?: boolean } = {}): Promise<Record<string, unknown>> {
  const code = await requestDeviceCode(config)
  showCode(interaction, code)
  // --no-browser: the page is printed above and nothing is opened (nor said to have failed to open).
  if (!options.noBrowser && !(await interaction.openBrowser(code.verification_uri))) interaction.print("(could not open a browser; open the page yourself)")
  const deadline = clock.now() + Math.min(code.expires_in, config.login_timeout) * 1000
  let intervalMs = code.interval * 1000
  for (;;) {
    await clock.sleep(intervalMs)
    if (clock.now() > deadline) throw new LoginError(`the code was not entered within ${Math.round(Math.min(code.expires_in, config.login_timeout) / 60)} minutes; run \`ccproxy auth login copilot\` again`)
    const answer = await pollOnce(config, code).catch((error: unknown) => {
      // A network hiccup while the person types the code should not cost them the login.
      if (error instanceof TokenEndpointError) return undefined
      throw error
    })
    if (!answer) continue
    if (typeof answer.access_token === "string" && answer.access_token) return answer
    switch (answer.error) {
      case "authorization_pending":
        break
      case "slow_down":
        intervalMs = Math.max(intervalMs + SLOW_DOWN_STEP_MS, Number(answer.interval) * 1000 || 0)
        break
      case "expired_token":
        throw new LoginError("the code expired before it was entered; run `ccproxy auth login copilot` again")
      case "access_denied":
        throw new LoginError("the login was refused on GitHub (access denied); run `ccproxy auth login copilot` again to retry")
      default:
        throw new LoginError(`GitHub refused the device login: ${String(answer.error ?? "no token in the answer")}${typeof answer.error_description === "string" ? ` (${answer.error_description})` : ""}`)
    }
  }
}

async function pollOnce(config: OAuthCopilotConfig, code: DeviceCode): Promise<Record<string, unknown> | undefined> {
  const answer = await githubRequest({
    url: config.access_token_url,
    form: { client_id: config.client_id, device_code: code.device_code, grant_type: DEVICE_GRANT },
    headers: { "User-Agent": config.user_agent },
    timeoutMs: config.request_timeout * 1000,
  })
  // GitHub answers 200 with an `error` field while waiting; other statuses are transient here.
  if (answer.status >= 500 || (answer.status !== 200 && typeof answer.data.error !== "string")) return undefined
  return answer.data
}
