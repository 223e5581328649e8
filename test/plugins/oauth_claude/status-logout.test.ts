import { afterEach, describe, expect, test } from "bun:test"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { readKeychainCredentials } from "../../../plugins/oauth_claude/keychain"
import { createClaudeOAuthProvider } from "../../../plugins/oauth_claude/provider"
import { startFakeServer, type FakeServer } from "../../helpers/fake-server"
import { scriptedInteraction, silentLogger, tempDir } from "../../helpers/oauth-fakes"
import { claudeConfig, credentialsFile, HOUR } from "./helpers"

let profile: FakeServer | undefined
afterEach(() => profile?.stop())

const PROFILE = { account: { uuid: "u-1", email: "ada@example.com", full_name: "Ada", has_claude_max: true, has_claude_pro: false }, organization: { name: "Ada's org" } }
const loggedIn = () => ({ claudeAiOauth: { accessToken: "sk-ant-oat01-abcdefghijklmnop", refreshToken: "sk-ant-ort01-abcdefghijklmnop", expiresAt: Date.now() + HOUR, scopes: ["user:inference", "user:profile"], subscriptionType: "max" } })

function provider(profileAnswer: () => Response, cachePath = join(tempDir(), "profiles.json"), interaction = scriptedInteraction()) {
  profile = startFakeServer(profileAnswer)
  return createClaudeOAuthProvider({ config: claudeConfig({ profile_url: `${profile.url}/profile` }), logger: silentLogger, interaction, profileCachePath: cachePath, env: {} })
}

describe("auth status claude-api", () => {
  test("logged in: account and plan from the profile, expiry, scopes, masked tokens", async () => {
    const file = credentialsFile(loggedIn())
    const status = await provider(() => Response.json(PROFILE)).status({ file })
    expect(status.loggedIn).toBe(true)
    expect(status.details).toMatchObject({ source: "file", file, email: "ada@example.com", name: "Ada", organization: "Ada's org", plan: "max", subscription: "max", expired: false, refreshable: true, scopes: ["user:inference", "user:profile"], access_token: "sk-a****", refresh_token: "sk-a****" })
    expect(profile!.requests[0]!.headers.get("authorization")).toBe("Bearer sk-ant-oat01-abcdefghijklmnop")
    expect(JSON.stringify(status)).not.toContain("abcdefghijklmnop")
  })

  test("a failing profile endpoint does not fail status: the cached account is shown", async () => {
    const file = credentialsFile(loggedIn())
    const cache = join(tempDir(), "profiles.json")
    await provider(() => Response.json(PROFILE), cache).status({ file })
    profile!.stop()
    const status = await provider(() => new Response("down", { status: 503 }), cache).status({ file })
    expect(status.loggedIn).toBe(true)
    expect(status.details).toMatchObject({ email: "ada@example.com", plan: "max", profile_cached_at: expect.any(String) })
    profile!.stop()
    const uncached = await provider(() => new Response("down", { status: 503 })).status({ file })
    expect(uncached.details).toMatchObject({ profile_error: "profile endpoint answered HTTP 503" })
  })

  test("not logged in, or a corrupt file: loggedIn false with the reason", async () => {
    const missing = credentialsFile()
    expect(await provider(() => Response.json(PROFILE)).status({ file: missing })).toEqual({ loggedIn: false, details: { file: missing, hint: "run `ccproxy auth login claude-api`, or log in with Claude Code" } })
    profile!.stop()
    const corrupt = await provider(() => Response.json(PROFILE)).status({ file: credentialsFile("nope") })
    expect(corrupt.loggedIn).toBe(false)
    expect(String(corrupt.details.error)).toContain("invalid JSON")
  })

  test("expired without a refresh token is not logged in", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "sk-ant-oat01-abcdefghijklmnop", expiresAt: Date.now() - 1000 } })
    const status = await provider(() => Response.json(PROFILE)).status({ file })
    expect(status.loggedIn).toBe(false)
    expect(status.details).toMatchObject({ expired: true, refreshable: false })
  })
})

describe("auth logout claude-api", () => {
  test("asks first; no means nothing is removed", async () => {
    const file = credentialsFile(loggedIn())
    const interaction = scriptedInteraction({ confirm: false })
    expect(await provider(() => Response.json({}), undefined, interaction).logout({ file })).toBe(1)
    expect(JSON.parse(readFileSync(file, "utf8")).claudeAiOauth).toBeDefined()
  })

  test("--yes removes only claudeAiOauth and keeps other keys", async () => {
    const file = credentialsFile({ ...loggedIn(), mcpOAuth: { keep: 1 } })
    expect(await provider(() => Response.json({})).logout({ file, yes: true })).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ mcpOAuth: { keep: 1 } })
  })

  test("removes the file when nothing else is in it", async () => {
    const file = credentialsFile(loggedIn())
    const interaction = scriptedInteraction({ confirm: true })
    expect(await provider(() => Response.json({}), undefined, interaction).logout({ file })).toBe(0)
    expect(existsSync(file)).toBe(false)
  })
})

describe("macOS Keychain", () => {
  test("only on darwin; Claude Code's own entry first, then the keyring convention", async () => {
    const asked: string[][] = []
    const run = async (command: string[]) => {
      asked.push(command)
      return command.includes("Claude Code-credentials") ? { code: 44, stdout: "" } : { code: 0, stdout: JSON.stringify(loggedIn()) + "\n" }
    }
    expect(await readKeychainCredentials("linux", run)).toBeUndefined()
    expect(asked).toEqual([])
    expect((await readKeychainCredentials("darwin", run))?.claudeAiOauth).toBeDefined()
    expect(asked).toEqual([
      ["security", "find-generic-password", "-s", "Claude Code-credentials", "-w"],
      ["security", "find-generic-password", "-s", "Claude Code", "-a", "credentials", "-w"],
    ])
  })
})
