import { afterEach, describe, expect, test } from "bun:test"
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { LoginError } from "~/auth/errors"
import type { DeviceFlowClock } from "../../../plugins/oauth_copilot/device-flow"
import { createCopilotOAuthProvider } from "../../../plugins/oauth_copilot/provider"
import { startFakeServer, type FakeServer } from "../../helpers/fake-server"
import { scriptedInteraction, silentLogger, tempDir } from "../../helpers/oauth-fakes"
import { GITHUB_TOKEN, copilotTokenValue, oauthConfig } from "./harness"

/** A clock whose sleeps only move time forward, recording how long each wait was. */
function fakeClock(): DeviceFlowClock & { waits: number[] } {
  let now = 1_000_000
  const waits: number[] = []
  return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) }
}

let github: FakeServer | undefined
afterEach(() => github?.stop())

/** GitHub's device endpoints: the poll answers come from `polls` in order (the last repeats). */
function startDeviceGithub(polls: Array<Record<string, unknown>>, device: Record<string, unknown> = {}) {
  let n = 0
  const pollBodies: Record<string, string>[] = []
  github = startFakeServer(async (request) => {
    const path = new URL(request.url).pathname
    if (path === "/login/device/code") return Response.json({ device_code: "dev-123", user_code: "WDJB-MJHT", verification_uri: "https://github.com/login/device", expires_in: 900, interval: 5, ...device })
    if (path === "/login/oauth/access_token") {
      pollBodies.push(Object.fromEntries(new URLSearchParams(await request.text())))
      return Response.json(polls[Math.min(n++, polls.length - 1)])
    }
    if (request.headers.get("authorization") === "token gho_without_copilot_000000") return Response.json({ message: "Not Found" }, { status: 404 })
    if (request.headers.get("authorization") !== `token ${GITHUB_TOKEN}`) return Response.json({ message: "Bad credentials" }, { status: 401 })
    if (path === "/copilot_internal/v2/token") return Response.json({ token: copilotTokenValue(1), expires_at: Math.floor(Date.now() / 1000) + 1800, refresh_in: 1500, endpoints: { api: "https://api.business.githubcopilot.com" }, sku: "copilot_for_business" })
    if (path === "/user") return Response.json({ login: "octocat" })
    return new Response("nope", { status: 404 })
  })
  return { github, pollBodies, config: oauthConfig(github) }
}

const fileIn = (content?: unknown) => {
  const path = join(tempDir("copilot-login-"), "credentials.json")
  if (content !== undefined) writeFileSync(path, JSON.stringify(content), { mode: 0o600 })
  return path
}

describe("ccproxy auth login copilot (device flow)", () => {
  test("--no-browser opens nothing and does not claim a browser failed to open", async () => {
    const { config } = startDeviceGithub([{ access_token: GITHUB_TOKEN, token_type: "bearer", scope: "read:user" }])
    const interaction = scriptedInteraction()
    const provider = createCopilotOAuthProvider({ config, logger: silentLogger, interaction, clock: fakeClock() })
    expect(await provider.login({ file: fileIn(), noBrowser: true })).toBe(0)
    expect(interaction.openedUrls).toEqual([])
    expect(interaction.lines.join("\n")).toContain("\n  https://github.com/login/device\n")
    expect(interaction.lines.join("\n")).not.toContain("could not open a browser")
  })

  test("shows the code and page, polls at GitHub's interval, honours slow_down, saves both tokens", async () => {
    const { config, pollBodies } = startDeviceGithub([{ error: "authorization_pending" }, { error: "slow_down", interval: 10 }, { error: "authorization_pending" }, { access_token: GITHUB_TOKEN, token_type: "bearer", scope: "read:user" }])
    const file = fileIn({ unrelated: "kept" })
    const clock = fakeClock()
    const interaction = scriptedInteraction()
    const provider = createCopilotOAuthProvider({ config, logger: silentLogger, interaction, clock })
    expect(await provider.login({ file })).toBe(0)
    const printed = interaction.lines.join("\n")
    expect(printed).toContain("\n  https://github.com/login/device\n")
    expect(printed).toContain("\n  WDJB-MJHT\n")
    expect(interaction.openedUrls).toEqual(["https://github.com/login/device"])
    expect(clock.waits).toEqual([5000, 5000, 10000, 10000])
    expect(pollBodies[0]).toEqual({ client_id: "Iv1.b507a08c87ecfe98", device_code: "dev-123", grant_type: "urn:ietf:params:oauth:grant-type:device_code" })
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved).toMatchObject({ unrelated: "kept", oauth_token: { access_token: GITHUB_TOKEN, token_type: "bearer", scope: "read:user" }, copilot_token: { token: copilotTokenValue(1), refresh_in: 1500 }, account_type: "business", github_login: "octocat" })
    expect(typeof saved.updated_at).toBe("number")
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(interaction.lines.at(-1)).toContain("Logged in as octocat (Copilot business)")
    expect(printed).not.toContain(GITHUB_TOKEN)
  })

  test("slow_down without an interval adds five seconds", async () => {
    const { config } = startDeviceGithub([{ error: "slow_down" }, { access_token: GITHUB_TOKEN }], { interval: 1 })
    const clock = fakeClock()
    await createCopilotOAuthProvider({ config, logger: silentLogger, interaction: scriptedInteraction(), clock }).login({ file: fileIn() })
    expect(clock.waits).toEqual([1000, 6000])
  })

  test("an expired code ends the login with what to do", async () => {
    const { config } = startDeviceGithub([{ error: "authorization_pending" }, { error: "expired_token", error_description: "The device_code has expired." }])
    const file = fileIn()
    const login = createCopilotOAuthProvider({ config, logger: silentLogger, interaction: scriptedInteraction(), clock: fakeClock() }).login({ file })
    await expect(login).rejects.toThrow(/code expired before it was entered; run `ccproxy auth login copilot` again/)
    expect(existsSync(file)).toBe(false)
  })

  test("a refusal on GitHub is access denied", async () => {
    const { config } = startDeviceGithub([{ error: "access_denied" }])
    const login = createCopilotOAuthProvider({ config, logger: silentLogger, interaction: scriptedInteraction(), clock: fakeClock() }).login({ file: fileIn() })
    await expect(login).rejects.toBeInstanceOf(LoginError)
    await expect(login).rejects.toThrow(/refused on GitHub \(access denied\)/)
  })

  test("the overall timeout ends polling that never completes", async () => {
    const { config } = startDeviceGithub([{ error: "authorization_pending" }], { expires_in: 60, interval: 5 })
    const clock = fakeClock()
    const login = createCopilotOAuthProvider({ config, logger: silentLogger, interaction: scriptedInteraction(), clock }).login({ file: fileIn() })
    await expect(login).rejects.toThrow(/not entered within 1 minutes/)
    expect(clock.waits.length).toBe(13)
  })

  test("a GitHub account without Copilot is told at login, nothing saved", async () => {
    const { config } = startDeviceGithub([{ access_token: "gho_without_copilot_000000" }])
    const file = fileIn()
    const login = createCopilotOAuthProvider({ config, logger: silentLogger, interaction: scriptedInteraction(), clock: fakeClock() }).login({ file })
    await expect(login).rejects.toThrow(/has no Copilot access \(HTTP 404: Not Found\); check the subscription/)
    expect(existsSync(file)).toBe(false)
  })

  test("GitHub down at the token exchange: the GitHub token is kept (no code to enter again), the Copilot token comes at the first use", async () => {
    github = startFakeServer((request) => {
      const path = new URL(request.url).pathname
      if (path === "/login/device/code") return Response.json({ device_code: "d", user_code: "AAAA-BBBB", verification_uri: "https://github.com/login/device", expires_in: 900, interval: 5 })
      if (path === "/login/oauth/access_token") return Response.json({ access_token: "gho_new_login_000000000", token_type: "bearer", scope: "read:user" })
      if (path === "/copilot_internal/v2/token") return new Response("unicorn", { status: 503 })
      return Response.json({ login: "octocat" })
    })
    const file = fileIn({ oauth_token: { access_token: "gho_previous_login" }, copilot_token: { token: "previous-copilot-token", expires_at: 9_999_999_999 } })
    const interaction = scriptedInteraction()
    expect(await createCopilotOAuthProvider({ config: oauthConfig(github), logger: silentLogger, interaction, clock: fakeClock() }).login({ file, force: true })).toBe(0)
    expect(interaction.lines.join("\n")).toContain("could not be fetched yet (the Copilot token exchange failed (HTTP 503))")
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved.oauth_token.access_token).toBe("gho_new_login_000000000")
    // The previous login's Copilot token is not kept next to the new GitHub token.
    expect(saved).not.toHaveProperty("copilot_token")
  })

  test("already logged in: nothing asked unless --force", async () => {
    const { config } = startDeviceGithub([{ access_token: GITHUB_TOKEN }])
    const file = fileIn({ oauth_token: { access_token: GITHUB_TOKEN } })
    const interaction = scriptedInteraction()
    expect(await createCopilotOAuthProvider({ config, logger: silentLogger, interaction, clock: fakeClock() }).login({ file })).toBe(0)
    expect(interaction.lines.join("\n")).toContain("Already logged in")
    expect(interaction.openedUrls).toEqual([])
  })
})

describe("status, refresh and logout", () => {
  test("status masks both tokens and reads no network; refresh renews the Copilot token; logout keeps other keys", async () => {
    const { config } = startDeviceGithub([])
    const file = fileIn({ oauth_token: { access_token: GITHUB_TOKEN }, github_login: "octocat", account_type: "individual", other: 1 })
    const interaction = scriptedInteraction({ confirm: true })
    const provider = createCopilotOAuthProvider({ config, logger: silentLogger, interaction })
    const before = await provider.status({ file })
    expect(before.loggedIn).toBe(true)
    expect(before.details).toMatchObject({ github_login: "octocat", account_type: "individual", github_token: "gho_****" })
    expect(await provider.refresh({ file })).toBe(0)
    const after = await provider.status({ file })
    expect(after.details.account_type).toBe("business")
    expect(after.details.copilot_token).toMatchObject({ api: "https://api.business.githubcopilot.com", sku: "copilot_for_business", expired: false, token: "tid=****" })
    expect(JSON.stringify(after)).not.toContain(GITHUB_TOKEN)
    expect(JSON.stringify(after)).not.toContain(copilotTokenValue(1))
    expect(await provider.logout({ file })).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ other: 1 })
    expect((await provider.status({ file })).loggedIn).toBe(false)
    expect(await provider.logout({ file, yes: true })).toBe(0)
    expect(interaction.lines.join("\n")).toContain("nothing to remove")
  })

  test("logout removes a file holding only the login", async () => {
    const file = fileIn({ oauth_token: { access_token: GITHUB_TOKEN }, copilot_token: { token: "x", expires_at: 1 }, updated_at: 1 })
    await createCopilotOAuthProvider({ config: oauthConfig(undefined), logger: silentLogger, interaction: scriptedInteraction() }).logout({ file, yes: true })
    expect(existsSync(file)).toBe(false)
  })
})
