import { afterEach, describe, expect, test } from "bun:test"
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { writeJsonFileAtomic } from "~/auth/credential-file"
import { AuthError } from "~/core/errors"
import { claudeTokenManager } from "../../../plugins/oauth_claude/provider"
import { recordingLogger, silentLogger, startFakeTokenServer, tempDir, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { claudeConfig, credentialsFile, HOUR } from "./helpers"

let tokens: FakeTokenServer
afterEach(() => tokens?.stop())

const entry = (overrides: Record<string, unknown> = {}) => ({
  accessToken: "old-access",
  refreshToken: "old-refresh",
  expiresAt: Date.now() + 60_000,
  scopes: ["user:inference"],
  subscriptionType: "pro",
  rateLimitTier: "unknown-inner-key",
  ...overrides,
})

/** Accepts each refresh token once, as the real endpoints do; a success takes `successDelayMs`, a refusal is immediate. */
function onceTokenServer(successDelayMs = 0) {
  const used = new Set<string>()
  tokens = startFakeTokenServer(async (body, n) => {
    if (used.has(body.refresh_token!)) return Response.json({ error: "invalid_grant", error_description: "Refresh token already used" }, { status: 400 })
    used.add(body.refresh_token!)
    await Bun.sleep(successDelayMs)
    return Response.json({ access_token: `new-access-${n}`, refresh_token: `new-refresh-${n}`, expires_in: 28800 })
  })
  return tokens
}

function refreshingServer(delayMs = 0) {
  tokens = startFakeTokenServer((_, n) => ({ access_token: `new-access-${n}`, refresh_token: `new-refresh-${n}`, expires_in: 28800 }), delayMs)
  return tokens
}

describe("Claude credentials for the claude_api provider", () => {
  test("100 concurrent requests near expiry: one refresh; 0600 file with every unknown key kept", async () => {
    const file = credentialsFile({ claudeAiOauth: entry(), mcpOAuth: { server: { token: "x" } } })
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: refreshingServer(50).tokenUrl }), logger: silentLogger }, file)
    const results = await Promise.all(Array.from({ length: 100 }, () => manager.current()))
    expect(tokens.received).toHaveLength(1)
    expect(JSON.parse(tokens.received[0]!.raw)).toEqual({ grant_type: "refresh_token", refresh_token: "old-refresh", client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e" })
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(["new-access-1"]))
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved.mcpOAuth).toEqual({ server: { token: "x" } })
    expect(saved.claudeAiOauth).toMatchObject({ accessToken: "new-access-1", refreshToken: "new-refresh-1", scopes: ["user:inference"], subscriptionType: "pro", rateLimitTier: "unknown-inner-key" })
    expect(saved.claudeAiOauth.expiresAt).toBeGreaterThan(Date.now() + 7 * HOUR)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(manager.health()).toMatchObject({ present: true, source: "file", lastRefresh: { ok: true } })
  })

  test("Claude Code refreshed the file underneath: the newer token is used, no refresh burnt", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() + HOUR }) })
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, file)
    expect((await manager.current()).accessToken).toBe("old-access")
    writeJsonFileAtomic(file, { claudeAiOauth: entry({ accessToken: "from-claude-code", refreshToken: "rotated", expiresAt: Date.now() + 8 * HOUR }) })
    expect((await manager.current()).accessToken).toBe("from-claude-code")
    expect((await manager.afterUnauthorized({ accessToken: "old-access" })).accessToken).toBe("from-claude-code")
    expect(tokens.received).toHaveLength(0)
  })

  test("expired in memory but already renewed on disk: re-read before refreshing", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() - 1000 }) })
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, file)
    writeFileSync(file, JSON.stringify({ claudeAiOauth: entry({ accessToken: "renewed", expiresAt: Date.now() + HOUR }) }))
    expect((await manager.current()).accessToken).toBe("renewed")
    expect(tokens.received).toHaveLength(0)
  })

  test("an upstream 401 refreshes once and the retry gets the new token", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() + HOUR }) })
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, file)
    const rejected = await manager.current()
    const retried = await Promise.all([manager.afterUnauthorized(rejected), manager.afterUnauthorized(rejected)])
    expect(retried.map((r) => r.accessToken)).toEqual(["new-access-1", "new-access-1"])
    expect(tokens.received).toHaveLength(1)
  })

  test("a corrupt file: AuthError naming it, the file unchanged, health tells", async () => {
    const file = credentialsFile('{"claudeAiOauth": {"accessToken": ')
    const manager = claudeTokenManager({ config: claudeConfig(), logger: silentLogger }, file)
    const error = await manager.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toContain(`credential file ${file} is not usable: invalid JSON`)
    expect(error.message).toEndWith("run `ccproxy auth login claude-api`")
    expect(readFileSync(file, "utf8")).toBe('{"claudeAiOauth": {"accessToken": ')
    expect(manager.health()).toMatchObject({ present: false, error: expect.stringContaining("invalid JSON") })
  })

  test("a missing file: not logged in", async () => {
    const file = credentialsFile()
    const manager = claudeTokenManager({ config: claudeConfig(), logger: silentLogger }, file)
    await expect(manager.current()).rejects.toThrow(`not logged in (no credentials in ${file}); run \`ccproxy auth login claude-api\``)
    expect((await manager.inspect()).present).toBe(false)
  })

  test("expired with a dead refresh token: loud, AuthError with the login hint, visible in health", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() - HOUR }) })
    tokens = startFakeTokenServer(() => Response.json({ error: "invalid_grant", error_description: "Invalid refresh token" }, { status: 400 }))
    const logger = recordingLogger()
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: tokens.tokenUrl }), logger }, file)
    const error = await manager.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.status).toBe(401)
    expect(error.message).toBe("refreshing the access token failed (token endpoint refused the request: HTTP 400 invalid_grant: Invalid refresh token); run `ccproxy auth login claude-api`")
    expect(logger.messages).toContainEqual({ level: "error", message: expect.stringContaining("invalid_grant") })
    expect(logger.messages.map((m) => m.message).join()).not.toContain("old-refresh")
    const health = await manager.inspect()
    expect(health.lastRefresh).toMatchObject({ ok: false, error: expect.stringContaining("invalid_grant") })
    expect(health.error).toContain("invalid_grant")
    expect(JSON.parse(readFileSync(file, "utf8")).claudeAiOauth.refreshToken).toBe("old-refresh")
  })

  test("CLAUDE_CODE_OAUTH_TOKEN is used as is, no refresh, over an expired file; the config token wins over it", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() - HOUR }) })
    const config = claudeConfig({ credentials_file: file, token_url: refreshingServer().tokenUrl })
    const env = { CLAUDE_CODE_OAUTH_TOKEN: "sk-ant-oat01-long-lived" }
    const fromEnv = claudeTokenManager({ config, logger: silentLogger, env })
    expect(await fromEnv.current()).toEqual({ accessToken: "sk-ant-oat01-long-lived" })
    expect(fromEnv.health()).toMatchObject({ present: true, source: "env", expiresAt: null })
    const fromConfig = claudeTokenManager({ config: { ...config, oauth_token: "from-config" }, logger: silentLogger, env })
    expect((await fromConfig.current()).accessToken).toBe("from-config")
    await expect(fromEnv.afterUnauthorized({ accessToken: "sk-ant-oat01-long-lived" })).rejects.toThrow(/cannot be refreshed/)
    expect(tokens.received).toHaveLength(0)
  })

  test("no file: the macOS Keychain login is used but never refreshed; expired, the 401 says to run claude", async () => {
    const file = credentialsFile()
    let keychainReads = 0
    const keychain = async () => (keychainReads++, { claudeAiOauth: entry({ accessToken: "from-keychain", expiresAt: Date.now() - 1 }) })
    const config = claudeConfig({ credentials_file: file, use_keychain: true, token_url: refreshingServer().tokenUrl })
    const manager = claudeTokenManager({ config, logger: silentLogger, keychain, env: {} })
    const error = await manager.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.status).toBe(401)
    expect(error.message).toContain("run `claude` once")
    expect(error.message).toContain("`ccproxy auth login claude-api`")
    await expect(manager.afterUnauthorized({ accessToken: "from-keychain" })).rejects.toThrow(AuthError)
    await expect(manager.refreshNow()).rejects.toThrow(AuthError)
    expect(keychainReads).toBeGreaterThan(1)
    expect(tokens.received).toHaveLength(0)
    expect(existsSync(file)).toBe(false)
    expect(await manager.inspect()).toMatchObject({ present: true, source: "keychain", error: expect.stringContaining("run `claude` once") })
  })

  test("a Keychain login due for refresh is read again: Claude Code's renewed token is used", async () => {
    const file = credentialsFile()
    const keychainTokens = [entry({ accessToken: "keychain-1", expiresAt: Date.now() + 60_000 }), entry({ accessToken: "keychain-2", refreshToken: "claude-codes-next", expiresAt: Date.now() + 8 * HOUR })]
    const keychain = async () => ({ claudeAiOauth: keychainTokens.length > 1 ? keychainTokens.shift()! : keychainTokens[0]! })
    const config = claudeConfig({ credentials_file: file, use_keychain: true, token_url: refreshingServer().tokenUrl })
    const manager = claudeTokenManager({ config, logger: silentLogger, keychain, env: {} })
    expect((await manager.current()).accessToken).toBe("keychain-2")
    expect(tokens.received).toHaveLength(0)
    expect(existsSync(file)).toBe(false)
  })

  test("renewed tokens that cannot be written are kept in memory; the spent refresh token is never sent again", async () => {
    // The temp file's name is longer than a file name may be: a write that fails even as root.
    const file = join(tempDir("claude-"), `${"c".repeat(240)}.json`)
    writeFileSync(file, JSON.stringify({ claudeAiOauth: entry({ expiresAt: Date.now() - 1000 }) }))
    const logger = recordingLogger()
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: onceTokenServer().tokenUrl }), logger }, file)
    expect((await manager.current()).accessToken).toBe("new-access-1")
    expect((await manager.current()).accessToken).toBe("new-access-1")
    expect(JSON.parse(readFileSync(file, "utf8")).claudeAiOauth.refreshToken).toBe("old-refresh")
    expect(logger.messages).toContainEqual({ level: "error", message: expect.stringContaining(`${file} could not be written`) })
    expect(manager.health()).toMatchObject({ lastRefresh: { ok: true }, warning: expect.stringContaining("kept in memory") })
    expect((await manager.afterUnauthorized({ accessToken: "new-access-1" })).accessToken).toBe("new-access-2")
    expect(tokens.received.map((request) => request.body.refresh_token)).toEqual(["old-refresh", "new-refresh-1"])
  })

  test("a symlinked credentials file is refreshed at its target; the link stays", async () => {
    const dir = tempDir("claude-")
    const target = join(dir, "dotfiles-credentials.json")
    writeFileSync(target, JSON.stringify({ claudeAiOauth: entry() }))
    const link = join(dir, ".credentials.json")
    symlinkSync(target, link)
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, link)
    expect((await manager.current()).accessToken).toBe("new-access-1")
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(target, "utf8")).claudeAiOauth.refreshToken).toBe("new-refresh-1")
  })

  test("two ccproxy processes due at once: one refresh, both get its tokens, neither reports a failure", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() - 1000 }) })
    const config = claudeConfig({ token_url: onceTokenServer(300).tokenUrl })
    const serve = claudeTokenManager({ config, logger: silentLogger }, file)
    const refreshCommand = claudeTokenManager({ config, logger: silentLogger }, file)
    const [a, b] = await Promise.all([serve.current(), refreshCommand.current()])
    expect(a.accessToken).toBe("new-access-1")
    expect(b.accessToken).toBe("new-access-1")
    expect(tokens.received).toHaveLength(1)
    expect(serve.health().error).toBeUndefined()
    expect(refreshCommand.health().error).toBeUndefined()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  test("Claude Code used the refresh token first and saves a moment later: its tokens are used, not a 401", async () => {
    const file = credentialsFile({ claudeAiOauth: entry({ expiresAt: Date.now() - 1000 }) })
    tokens = startFakeTokenServer(() => {
      setTimeout(() => writeJsonFileAtomic(file, { claudeAiOauth: entry({ accessToken: "from-claude-code", refreshToken: "rotated", expiresAt: Date.now() + 8 * HOUR }) }), 500)
      return Response.json({ error: "invalid_grant", error_description: "Invalid refresh token" }, { status: 400 })
    })
    const manager = claudeTokenManager({ config: claudeConfig({ token_url: tokens.tokenUrl }), logger: silentLogger }, file)
    expect((await manager.current()).accessToken).toBe("from-claude-code")
    expect(manager.health().error).toBeUndefined()
  })
})
