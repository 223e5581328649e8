import { afterEach, describe, expect, test } from "bun:test"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { startCallbackServer } from "~/auth/callback-server"
import { createClaudeOAuthProvider } from "../../../plugins/oauth_claude/provider"
import { startFakeServer } from "../../helpers/fake-server"
import { comeBack, printedAuthorizeUrl, scriptedInteraction, silentLogger, startFakeTokenServer, tempDir, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { claudeConfig, credentialsFile, HOUR } from "./helpers"

let tokens: FakeTokenServer
afterEach(() => tokens?.stop())

function tokenServer() {
  tokens = startFakeTokenServer(() => ({ access_token: "sk-ant-oat01-new-access", refresh_token: "sk-ant-ort01-new-refresh", expires_in: 28800, scope: "user:inference user:profile", subscription_type: "max" }))
  return tokens
}

describe("ccproxy auth login claude-api", () => {
  test("browser flow end to end: callback, state, PKCE exchange, 0600 file keeping other keys", async () => {
    const file = credentialsFile({ otherTool: { keep: true } })
    let callbackAnswer: Promise<Response> | undefined
    const interaction = scriptedInteraction({ onOpen: (url) => void (callbackAnswer = comeBack(url, "auth-code-1")) })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(0)
    expect((await callbackAnswer!).status).toBe(200)

    const authorize = new URL(interaction.openedUrls[0]!)
    const exchange = JSON.parse(tokens.received[0]!.raw)
    expect(exchange).toMatchObject({ grant_type: "authorization_code", code: "auth-code-1", state: authorize.searchParams.get("state"), redirect_uri: authorize.searchParams.get("redirect_uri") })
    expect(createHash("sha256").update(exchange.code_verifier).digest("base64url")).toBe(authorize.searchParams.get("code_challenge")!)
    expect(authorize.searchParams.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/callback$/)

    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved.otherTool).toEqual({ keep: true })
    expect(saved.claudeAiOauth).toMatchObject({ accessToken: "sk-ant-oat01-new-access", refreshToken: "sk-ant-ort01-new-refresh", scopes: ["user:inference", "user:profile"], subscriptionType: "max" })
    expect(saved.claudeAiOauth.expiresAt).toBeGreaterThan(Date.now() + 28000_000)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(interaction.lines.join("\n")).not.toContain("sk-ant-oat01-new-access")
  })

  test("--no-browser prints the URL and opens nothing", async () => {
    const file = credentialsFile()
    const interaction = scriptedInteraction({ onPrint: (line, printed) => line.startsWith("Waiting") && void comeBack(printedAuthorizeUrl(printed).href, "c2") })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file, noBrowser: true })).toBe(0)
    expect(interaction.openedUrls).toEqual([])
    expect(existsSync(file)).toBe(true)
  })

  test("--manual: the code#state pasted from Claude's page, with the console redirect", async () => {
    const file = credentialsFile()
    const interaction = scriptedInteraction({ prompt: (_, printed) => `pasted-code#${printedAuthorizeUrl(printed).searchParams.get("state")}` })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file, manual: true, noBrowser: true })).toBe(0)
    expect(JSON.parse(tokens.received[0]!.raw)).toMatchObject({ code: "pasted-code", redirect_uri: "https://console.anthropic.com/oauth/code/callback" })
  })

  test("a pasted code from another attempt is refused and nothing is written", async () => {
    const file = credentialsFile()
    const interaction = scriptedInteraction({ prompt: () => "pasted-code#someone-elses-state" })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    await expect(provider.login({ file, manual: true, noBrowser: true })).rejects.toThrow(/state mismatch/)
    expect(tokens.received).toHaveLength(0)
    expect(existsSync(file)).toBe(false)
  })

  test("a callback with the wrong state is refused, and the login goes on waiting for the right one", async () => {
    const file = credentialsFile()
    let forged: Response | undefined
    const interaction = scriptedInteraction({
      onOpen: async (url) => {
        forged = await comeBack(url, "forged-code", "forged")
        await comeBack(url, "real-code")
      },
    })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(0)
    expect(forged!.status).toBe(400)
    expect(tokens.received.map((request) => JSON.parse(request.raw).code)).toEqual(["real-code"])
  })

  test("no callback within callback_timeout: a clean error pointing at --manual", async () => {
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ callback_timeout: 1 }), logger: silentLogger, interaction: scriptedInteraction() })
    const started = Date.now()
    await expect(provider.login({ file: credentialsFile() })).rejects.toThrow(/within 1 s.*--manual/)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  test("callback port taken: falls back to pasting the code", async () => {
    const busy = startCallbackServer({ port: 0, path: "/callback", state: "other" })
    try {
      const interaction = scriptedInteraction({ prompt: (_, printed) => `c3#${printedAuthorizeUrl(printed).searchParams.get("state")}` })
      const provider = createClaudeOAuthProvider({ config: claudeConfig({ callback_port: busy.port, token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
      expect(await provider.login({ file: credentialsFile(), noBrowser: true })).toBe(0)
      expect(interaction.lines.join("\n")).toContain(`port ${busy.port} is in use`)
      expect(interaction.prompts).toHaveLength(1)
    } finally {
      busy.stop()
    }
  })

  test("already logged in: says so and does nothing unless --force", async () => {
    const file = credentialsFile({ claudeAiOauth: { accessToken: "a", refreshToken: "r", expiresAt: Date.now() + HOUR } })
    const interaction = scriptedInteraction()
    const provider = createClaudeOAuthProvider({ config: claudeConfig(), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(0)
    expect(interaction.lines[0]).toContain("Already logged in")
    expect(interaction.openedUrls).toEqual([])
  })

  test("a corrupt credentials file stops the login before the browser, untouched, pointing at --force", async () => {
    const file = credentialsFile("{not json")
    const interaction = scriptedInteraction()
    const provider = createClaudeOAuthProvider({ config: claudeConfig(), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(1)
    expect(interaction.lines.join("\n")).toMatch(/not usable: invalid JSON[^]*--force/)
    expect(interaction.openedUrls).toEqual([])
    expect(readFileSync(file, "utf8")).toBe("{not json")
  })

  test("--force recovers from a corrupt credentials file: moved aside, then a fresh login", async () => {
    const file = credentialsFile("{not json")
    const interaction = scriptedInteraction({ onOpen: (url) => void comeBack(url, "c4") })
    const provider = createClaudeOAuthProvider({ config: claudeConfig({ token_url: tokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file, force: true })).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8")).claudeAiOauth.accessToken).toBe("sk-ant-oat01-new-access")
    const aside = readdirSync(dirname(file)).filter((name) => name.startsWith(".credentials.json.corrupt-"))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dirname(file), aside[0]!), "utf8")).toBe("{not json")
    expect(interaction.lines.join("\n")).toContain(`aside to ${join(dirname(file), aside[0]!)}`)
  })

  test("logging in again replaces the whole entry: nothing of the previous account stays", async () => {
    const previous = { accessToken: "old", refreshToken: "old-r", expiresAt: Date.now() + HOUR, scopes: ["user:inference"], subscriptionType: "max", rateLimitTier: "default_claude_max_20x", organizationUuid: "previous-org" }
    const file = credentialsFile({ claudeAiOauth: previous, mcpOAuth: { keep: true } })
    tokens = startFakeTokenServer(() => ({ access_token: "second-account", refresh_token: "second-r", expires_in: 28800, scope: "user:inference user:profile" }))
    const profile = startFakeServer(() => Response.json({ account: { email: "bob@example.com", has_claude_pro: true, has_claude_max: false } }))
    try {
      const interaction = scriptedInteraction({ onOpen: (url) => void comeBack(url, "c5") })
      const config = claudeConfig({ token_url: tokens.tokenUrl, profile_url: `${profile.url}/profile` })
      const provider = createClaudeOAuthProvider({ config, logger: silentLogger, interaction, profileCachePath: join(tempDir(), "profiles.json") })
      expect(await provider.login({ file, force: true })).toBe(0)
    } finally {
      await profile.stop()
    }
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved.mcpOAuth).toEqual({ keep: true })
    expect(saved.claudeAiOauth).toEqual({ accessToken: "second-account", refreshToken: "second-r", expiresAt: expect.any(Number), scopes: ["user:inference", "user:profile"], subscriptionType: "pro" })
  })
})
