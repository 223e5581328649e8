import { afterAll, describe, expect, test } from "bun:test"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { runCli, stopAllCliProcesses } from "../../helpers/cli"
import { startFakeServer } from "../../helpers/fake-server"
import { startFakeTokenServer } from "../../helpers/oauth-fakes"
import { credentialsFile, HOUR } from "./helpers"

afterAll(stopAllCliProcesses)

const profile = startFakeServer(() => Response.json({ account: { email: "ada@example.com", has_claude_pro: true }, organization: { name: "org" } }))
const tokens = startFakeTokenServer(() => ({ access_token: "sk-ant-oat01-refreshed-by-cli", refresh_token: "sk-ant-ort01-next", expires_in: 3600 }))
afterAll(() => Promise.all([profile.stop(), tokens.stop()]))
const env = { PLUGINS__OAUTH_CLAUDE__PROFILE_URL: `${profile.url}/profile`, PLUGINS__OAUTH_CLAUDE__TOKEN_URL: tokens.tokenUrl, PLUGINS__OAUTH_CLAUDE__USE_KEYCHAIN: "false" }

describe("ccproxy auth ... claude-api", () => {
  test("providers --json lists both OAuth providers with their aliases", async () => {
    const result = await runCli(["auth", "providers", "--json"])
    expect(result.code).toBe(0)
    const listed = JSON.parse(result.stdout)
    expect(listed).toContainEqual(expect.objectContaining({ name: "claude-api", plugin: "oauth_claude", aliases: ["claude", "claude_api"] }))
    expect(listed).toContainEqual(expect.objectContaining({ name: "codex", plugin: "oauth_codex", aliases: ["openai"] }))
  })

  test("status --json --file: exit 0 with account details when logged in, 1 when not", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "sk-ant-oat01-abcdefghijklmnop", refreshToken: "sk-ant-ort01-abcdefghijklmnop", expiresAt: Date.now() + HOUR, scopes: ["user:inference"] } })
    const ok = await runCli(["auth", "status", "claude-api", "--json", "--file", file], { env })
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ provider: "claude-api", logged_in: true, email: "ada@example.com", plan: "pro", access_token: "sk-a****" })
    expect(ok.stdout + ok.stderr).not.toContain("abcdefghijklmnop")

    const missing = await runCli(["auth", "status", "claude", "--json", "--file", credentialsFile()], { env })
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ provider: "claude-api", logged_in: false })
  })

  test("auth commands take -c: the provider's settings (here credentials_file and the endpoints) come from that file", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "sk-ant-oat01-abcdefghijklmnop", refreshToken: "sk-ant-ort01-abcdefghijklmnop", expiresAt: Date.now() + HOUR } })
    const config = join(dirname(file), "ccproxy.toml")
    writeFileSync(config, `[plugins.oauth_claude]\ncredentials_file = "${file}"\nprofile_url = "${profile.url}/profile"\nuse_keychain = false\n`)
    const status = await runCli(["auth", "status", "claude-api", "--json", "-c", config], { cwd: dirname(file) + "/.." })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ logged_in: true, file, email: "ada@example.com" })
    const providers = await runCli(["auth", "providers", "--config", config])
    expect(providers.code).toBe(0)
  })

  test("refresh --file renews and saves; logout --yes removes", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "old", refreshToken: "sk-ant-ort01-old", expiresAt: Date.now() + HOUR } })
    const refreshed = await runCli(["auth", "refresh", "claude-api", "--file", file], { env })
    expect(refreshed.code).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8")).claudeAiOauth.accessToken).toBe("sk-ant-oat01-refreshed-by-cli")
    expect(refreshed.stdout).not.toContain("sk-ant-oat01-refreshed-by-cli")

    const loggedOut = await runCli(["auth", "logout", "claude-api", "--file", file, "--yes"], { env })
    expect(loggedOut.code).toBe(0)
    expect(existsSync(file)).toBe(false)
  })

  test("login --manual with nothing on stdin: the error starts on its own line, exit 1, nothing written", async () => {
    const file = credentialsFile()
    const result = await runCli(["auth", "login", "claude-api", "--manual", "--file", file], { env })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("Paste it here: \nerror: no code was entered")
    expect(existsSync(file)).toBe(false)
  })

  test("refresh refused by the token endpoint: exit 1 with the reason said once, not also as a log line", async () => {
    const refusing = startFakeTokenServer(() => Response.json({ error: "invalid_grant", error_description: "Refresh token revoked" }, { status: 400 }))
    try {
      const file = credentialsFile({ claudeAiOauth: { accessToken: "old", refreshToken: "sk-ant-ort01-old", expiresAt: Date.now() - HOUR } })
      const result = await runCli(["auth", "refresh", "claude-api", "--file", file], { env: { ...env, PLUGINS__OAUTH_CLAUDE__TOKEN_URL: refusing.tokenUrl } })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain("error: refreshing the access token failed (token endpoint refused the request: HTTP 400 invalid_grant: Refresh token revoked); run `ccproxy auth login claude-api`")
      expect(result.stderr.match(/Refresh token revoked/g)).toHaveLength(1)
    } finally {
      await refusing.stop()
    }
  })

  test("logout without --yes and without a terminal refuses, removing nothing", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "a" } })
    const result = await runCli(["auth", "logout", "claude-api", "--file", file], { env })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("--yes")
    expect(existsSync(file)).toBe(true)
  })
})
