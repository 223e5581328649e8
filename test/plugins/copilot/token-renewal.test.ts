import { afterEach, describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { AuthError } from "~/core/errors"
import { copilotCredentials } from "../../../plugins/oauth_copilot/credentials"
import { copilotTokenManager, copilotTokenStore } from "../../../plugins/oauth_copilot/provider"
import { silentLogger } from "../../helpers/oauth-fakes"
import { copilotTokenValue, credentialsFile, oauthConfig, startFakeGithub, type FakeGithub } from "./harness"

let github: FakeGithub | undefined
afterEach(() => github?.stop())

function credentialsFor(file: string, options: Parameters<typeof startFakeGithub>[0] = {}, now?: () => number) {
  github = startFakeGithub(options)
  github.apiUrl = "https://api.individual.example"
  const config = oauthConfig(github)
  const refreshes: boolean[] = []
  const deps = { config, logger: silentLogger, onRefresh: (outcome: { ok: boolean }) => void refreshes.push(outcome.ok), now }
  const store = copilotTokenStore(deps, file)
  return { credentials: copilotCredentials(copilotTokenManager(deps, store), store, config), refreshes }
}

const seconds = () => Math.floor(Date.now() / 1000)

describe("the Copilot service token", () => {
  test("exchanged on first use, kept in the file with the API host GitHub names, reused while fresh", async () => {
    const file = credentialsFile({ future_key: "kept" })
    const { credentials, refreshes } = credentialsFor(file)
    expect(await credentials.current()).toEqual({ accessToken: copilotTokenValue(1), apiBaseUrl: "https://api.individual.example" })
    expect(await credentials.current()).toEqual({ accessToken: copilotTokenValue(1), apiBaseUrl: "https://api.individual.example" })
    expect(github!.exchanges).toBe(1)
    expect(refreshes).toEqual([true])
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved).toMatchObject({ future_key: "kept", copilot_token: { token: copilotTokenValue(1), refresh_in: 1500 } })
  })

  test("renewed once refresh_in has passed, even though expires_at is still ahead", async () => {
    const fetchedAt = seconds() - 1600
    const file = credentialsFile({ copilot_token: { token: "old-copilot-token", expires_at: seconds() + 200, refresh_in: 1500 }, updated_at: fetchedAt })
    const { credentials } = credentialsFor(file)
    expect((await credentials.current()).accessToken).toBe(copilotTokenValue(1))
  })

  test("not renewed before refresh_in minus the grace", async () => {
    const file = credentialsFile({ copilot_token: { token: "still-good-token", expires_at: seconds() + 1800, refresh_in: 1500 }, updated_at: seconds() - 60 })
    const { credentials } = credentialsFor(file)
    expect((await credentials.current()).accessToken).toBe("still-good-token")
    expect(github!.exchanges).toBe(0)
  })

  test("single-flight: twenty concurrent requests with an expired token cause one exchange", async () => {
    const file = credentialsFile({ copilot_token: { token: "expired-token", expires_at: seconds() - 10, refresh_in: 1500 }, updated_at: seconds() - 2000 })
    const { credentials } = credentialsFor(file, { delayMs: 50 })
    const all = await Promise.all(Array.from({ length: 20 }, () => credentials.current()))
    expect(new Set(all.map((access) => access.accessToken))).toEqual(new Set([copilotTokenValue(1)]))
    expect(github!.exchanges).toBe(1)
  })

  test("after a 401 from Copilot: exchanged again once, however many requests saw it", async () => {
    const { credentials } = credentialsFor(credentialsFile())
    const first = await credentials.current()
    const again = await Promise.all([credentials.afterUnauthorized(first), credentials.afterUnauthorized(first)])
    expect(again.map((access) => access.accessToken)).toEqual([copilotTokenValue(2), copilotTokenValue(2)])
    expect(github!.exchanges).toBe(2)
  })

  test("a revoked GitHub token is an AuthError naming the login command", async () => {
    const { credentials, refreshes } = credentialsFor(credentialsFile(), { exchange: () => Response.json({ message: "Bad credentials" }, { status: 401 }) })
    const failure = credentials.current()
    await expect(failure).rejects.toBeInstanceOf(AuthError)
    await expect(failure).rejects.toThrow(/ccproxy auth login copilot/)
    expect(refreshes).toEqual([false])
    expect(credentials.health()).toMatchObject({ present: true, lastRefresh: { ok: false } })
  })

  test("not logged in: AuthError, and the GitHub API is not called", async () => {
    const { credentials } = credentialsFor(`${credentialsFile()}.missing`)
    await expect(credentials.current()).rejects.toThrow(/not logged in .*ccproxy auth login copilot/)
    await expect(credentials.githubGet("/copilot_internal/user")).rejects.toBeInstanceOf(AuthError)
  })
})

describe("clock skew", () => {
  test("a clock half an hour ahead of GitHub's does not exchange on every request", async () => {
    const ahead = () => Date.now() + 1800_000
    const { credentials } = credentialsFor(credentialsFile(), {}, ahead)
    for (let request = 0; request < 5; request++) expect((await credentials.current()).accessToken).toBe(copilotTokenValue(1))
    expect(github!.exchanges).toBe(1)
  })

  test("a clock behind GitHub's still renews refresh_in after the fetch", async () => {
    const file = credentialsFile({ copilot_token: { token: "old-copilot-token", expires_at: seconds() + 3600, refresh_in: 1500 }, updated_at: seconds() - 1500 })
    const { credentials } = credentialsFor(file)
    expect((await credentials.current()).accessToken).toBe(copilotTokenValue(1))
  })
})
