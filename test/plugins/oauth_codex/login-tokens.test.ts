import { afterEach, describe, expect, test } from "bun:test"
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { writeJsonFileAtomic } from "~/auth/credential-file"
import { AuthError } from "~/core/errors"
import { codexTokenManager, createCodexOAuthProvider } from "../../../plugins/oauth_codex/provider"
import { comeBack, printedAuthorizeUrl, recordingLogger, scriptedInteraction, silentLogger, startFakeTokenServer, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { accessToken, authFile, codexConfig, HOUR, idToken } from "./helpers"

let tokens: FakeTokenServer
afterEach(() => tokens?.stop())

const stored = (access: string, extra: Record<string, unknown> = {}) => ({
  OPENAI_API_KEY: null,
  tokens: { id_token: idToken(), access_token: access, refresh_token: "old-refresh", account_id: "acct-1", future_field: 1 },
  last_refresh: "2026-01-01T00:00:00Z",
  preferred_model: "unknown-top-level-key",
  ...extra,
})

/** Accepts each refresh token once, as OpenAI does; a success takes `successDelayMs`, a refusal is immediate. */
function onceTokenServer(successDelayMs = 0) {
  const used = new Set<string>()
  tokens = startFakeTokenServer(async (body, n) => {
    if (used.has(body.refresh_token!)) return Response.json({ error: { message: "Your refresh token has already been used", type: "invalid_request_error", code: "refresh_token_reused" } }, { status: 401 })
    used.add(body.refresh_token!)
    await Bun.sleep(successDelayMs)
    return { access_token: accessToken(Date.now() + 10 * 24 * HOUR, "acct-1", `new-${n}`), id_token: idToken(), refresh_token: `new-refresh-${n}` }
  })
  return tokens
}

function refreshingServer(delayMs = 0) {
  tokens = startFakeTokenServer((_, n) => ({ access_token: accessToken(Date.now() + 10 * 24 * HOUR, "acct-1", `new-${n}`), id_token: idToken(), refresh_token: `new-refresh-${n}` }), delayMs)
  return tokens
}

describe("ccproxy auth login codex", () => {
  test("browser flow on the loopback callback; auth.json written as the Codex CLI does", async () => {
    const file = authFile({ OPENAI_API_KEY: null, other: "kept" })
    const interaction = scriptedInteraction({ onOpen: (url) => void comeBack(url, "code-1") })
    const provider = createCodexOAuthProvider({ config: codexConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(0)
    const authorize = new URL(interaction.openedUrls[0]!)
    expect(authorize.searchParams.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/)
    expect(new URLSearchParams(tokens.received[0]!.raw).get("code")).toBe("code-1")
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved).toMatchObject({ OPENAI_API_KEY: null, other: "kept", auth_mode: "chatgpt", tokens: { id_token: idToken(), refresh_token: "new-refresh-1", account_id: "acct-1" } })
    expect(Date.parse(saved.last_refresh)).toBeGreaterThan(Date.now() - 60_000)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(interaction.lines.join("\n")).toContain("ChatGPT account acct-1")
  })

  test("--manual: paste the URL the browser landed on", async () => {
    const file = authFile()
    const interaction = scriptedInteraction({
      prompt: (_, printed) => {
        const url = printedAuthorizeUrl(printed)
        return `${url.searchParams.get("redirect_uri")}?code=pasted&state=${url.searchParams.get("state")}`
      },
    })
    const provider = createCodexOAuthProvider({ config: codexConfig({ callback_port: 1455, token_url: refreshingServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file, manual: true, noBrowser: true })).toBe(0)
    expect(Object.fromEntries(new URLSearchParams(tokens.received[0]!.raw))).toMatchObject({ code: "pasted", redirect_uri: "http://localhost:1455/auth/callback" })
    expect(existsSync(file)).toBe(true)
  })
})

describe("ccproxy auth login codex with a corrupt auth.json", () => {
  test("without --force: stops before the browser, file untouched, says to use --force", async () => {
    const file = authFile("{\"tokens\": ")
    const interaction = scriptedInteraction()
    const provider = createCodexOAuthProvider({ config: codexConfig(), logger: silentLogger, interaction })
    expect(await provider.login({ file })).toBe(1)
    expect(interaction.lines.join("\n")).toMatch(/not usable: invalid JSON[^]*--force/)
    expect(interaction.openedUrls).toEqual([])
    expect(readFileSync(file, "utf8")).toBe("{\"tokens\": ")
  })

  test("--force: moved aside to auth.json.corrupt-<time>, then a fresh login", async () => {
    const file = authFile("{\"tokens\": ")
    const interaction = scriptedInteraction({ onOpen: (url) => void comeBack(url, "code-2") })
    const provider = createCodexOAuthProvider({ config: codexConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.login({ file, force: true })).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8")).tokens.refresh_token).toBe("new-refresh-1")
    const aside = readdirSync(dirname(file)).filter((name) => name.startsWith("auth.json.corrupt-"))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dirname(file), aside[0]!), "utf8")).toBe("{\"tokens\": ")
  })
})

describe("Codex credentials for the codex provider", () => {
  test("current() gives the access token and the ChatGPT account id", async () => {
    const access = accessToken(Date.now() + HOUR)
    const manager = codexTokenManager({ config: codexConfig(), logger: silentLogger }, authFile(stored(access)))
    expect(await manager.current()).toEqual({ accessToken: access, accountId: "acct-1" })
  })

  test("the account id comes from the JWT claims when auth.json has none", async () => {
    const access = accessToken(Date.now() + HOUR, "acct-from-claim")
    const file = authFile({ tokens: { access_token: access, refresh_token: "r" } })
    expect((await codexTokenManager({ config: codexConfig(), logger: silentLogger }, file).current()).accountId).toBe("acct-from-claim")
  })

  test("the JWT claim wins over a stored account_id, which other tools may fill with the user's sub", async () => {
    const access = accessToken(Date.now() + HOUR, "acct-from-claim")
    const file = authFile({ tokens: { id_token: idToken("acct-from-claim"), access_token: access, refresh_token: "r", account_id: "user-sub-not-an-account" } })
    expect((await codexTokenManager({ config: codexConfig(), logger: silentLogger }, file).current()).accountId).toBe("acct-from-claim")
  })

  test("100 concurrent requests near expiry: one form refresh; unknown keys kept; 0600", async () => {
    const file = authFile(stored(accessToken(Date.now() + 30_000)))
    const manager = codexTokenManager({ config: codexConfig({ token_url: refreshingServer(50).tokenUrl }), logger: silentLogger }, file)
    const results = await Promise.all(Array.from({ length: 100 }, () => manager.current()))
    expect(tokens.received).toHaveLength(1)
    expect(new URLSearchParams(tokens.received[0]!.raw).get("refresh_token")).toBe("old-refresh")
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1)
    const saved = JSON.parse(readFileSync(file, "utf8"))
    expect(saved).toMatchObject({ OPENAI_API_KEY: null, preferred_model: "unknown-top-level-key", tokens: { future_field: 1, refresh_token: "new-refresh-1", account_id: "acct-1" } })
    expect(saved.tokens.access_token).toBe(results[0]!.accessToken)
    expect(saved.last_refresh).not.toBe("2026-01-01T00:00:00Z")
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  test("the Codex CLI refreshed underneath: its token is used, no refresh", async () => {
    const file = authFile(stored(accessToken(Date.now() - 1000)))
    const manager = codexTokenManager({ config: codexConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, file)
    const newer = accessToken(Date.now() + HOUR, "acct-1", "codex-cli")
    writeJsonFileAtomic(file, stored(newer))
    expect((await manager.current()).accessToken).toBe(newer)
    expect(tokens.received).toHaveLength(0)
  })

  test("an undecodable expiry is unknown: no proactive refresh, a 401 refreshes", async () => {
    const file = authFile(stored("opaque-access-token"))
    const manager = codexTokenManager({ config: codexConfig({ token_url: refreshingServer().tokenUrl }), logger: silentLogger }, file)
    expect((await manager.current()).accessToken).toBe("opaque-access-token")
    expect(manager.health().expiresAt).toBeNull()
    expect(tokens.received).toHaveLength(0)
    const retried = await manager.afterUnauthorized({ accessToken: "opaque-access-token" })
    expect(retried.accessToken).not.toBe("opaque-access-token")
    expect(tokens.received).toHaveLength(1)
  })

  test("expired with a dead refresh token: AuthError with the login hint, logged, in health", async () => {
    const file = authFile(stored(accessToken(Date.now() - HOUR)))
    tokens = startFakeTokenServer(() => Response.json({ error: { message: "Your refresh token has already been used", type: "invalid_request_error", code: "refresh_token_reused" } }, { status: 401 }))
    const logger = recordingLogger()
    const manager = codexTokenManager({ config: codexConfig({ token_url: tokens.tokenUrl }), logger }, file)
    const error = await manager.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toMatch(/HTTP 401.*already been used.*run `ccproxy auth login codex`$/)
    expect(logger.messages.some((m) => m.level === "error")).toBe(true)
    expect((await manager.inspect()).lastRefresh).toMatchObject({ ok: false })
  })

  test("renewed tokens that cannot be written are kept in memory; the spent refresh token is never sent again", async () => {
    // The temp file's name is longer than a file name may be: a write that fails even as root.
    const file = join(dirname(authFile()), `${"a".repeat(240)}.json`)
    writeFileSync(file, JSON.stringify(stored(accessToken(Date.now() - 1000))))
    const logger = recordingLogger()
    const manager = codexTokenManager({ config: codexConfig({ token_url: onceTokenServer().tokenUrl }), logger }, file)
    const first = await manager.current()
    expect(first).toMatchObject({ accountId: "acct-1" })
    expect((await manager.current()).accessToken).toBe(first.accessToken)
    expect(JSON.parse(readFileSync(file, "utf8")).tokens.refresh_token).toBe("old-refresh")
    expect(logger.messages).toContainEqual({ level: "error", message: expect.stringContaining(`${file} could not be written`) })
    await manager.afterUnauthorized(first)
    expect(tokens.received.map((request) => request.body.refresh_token)).toEqual(["old-refresh", "new-refresh-1"])
    expect(manager.health().error).toBeUndefined()
  })

  test("`auth refresh` that cannot save says so and exits 1, instead of claiming it saved", async () => {
    const file = join(dirname(authFile()), `${"b".repeat(240)}.json`)
    writeFileSync(file, JSON.stringify(stored(accessToken(Date.now() + HOUR))))
    const interaction = scriptedInteraction()
    const provider = createCodexOAuthProvider({ config: codexConfig({ token_url: onceTokenServer().tokenUrl }), logger: silentLogger, interaction })
    expect(await provider.refresh({ file })).toBe(1)
    expect(interaction.lines.join("\n")).toMatch(/refreshed, but not saved .*could not be written.*ccproxy auth login codex/)
    expect(interaction.lines.join("\n")).not.toContain("Saved to")
  })

  test("serve and `auth refresh` at once: the refreshes take turns, no refresh token is sent twice, no failure", async () => {
    const file = authFile(stored(accessToken(Date.now() - 1000)))
    const config = codexConfig({ token_url: onceTokenServer(300).tokenUrl })
    const serve = codexTokenManager({ config, logger: silentLogger }, file)
    const refreshCommand = codexTokenManager({ config, logger: silentLogger }, file)
    await Promise.all([serve.current(), refreshCommand.refreshNow()])
    const sent = tokens.received.map((request) => request.body.refresh_token)
    expect(new Set(sent).size).toBe(sent.length)
    expect(serve.health().lastRefresh?.ok).not.toBe(false)
    expect(refreshCommand.health().lastRefresh?.ok).not.toBe(false)
    expect(JSON.parse(readFileSync(file, "utf8")).tokens.refresh_token).toBe(`new-refresh-${sent.length}`)
  })

  test("a corrupt auth.json: clear error, left as it was", async () => {
    const file = authFile("{\"tokens\": ")
    const manager = codexTokenManager({ config: codexConfig(), logger: silentLogger }, file)
    await expect(manager.current()).rejects.toThrow(/not usable: invalid JSON.*ccproxy auth login codex/)
    expect(readFileSync(file, "utf8")).toBe("{\"tokens\": ")
  })
})
