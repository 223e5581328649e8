import { describe, expect, test } from "bun:test"
import { existsSync, readFileSync } from "node:fs"
import { createCodexOAuthProvider } from "../../../plugins/oauth_codex/provider"
import { runCli } from "../../helpers/cli"
import { scriptedInteraction, silentLogger } from "../../helpers/oauth-fakes"
import { accessToken, authFile, codexConfig, HOUR, idToken } from "./helpers"

const provider = (interaction = scriptedInteraction()) => createCodexOAuthProvider({ config: codexConfig(), logger: silentLogger, interaction })
const loggedIn = (extra: Record<string, unknown> = {}) => ({ OPENAI_API_KEY: null, tokens: { id_token: idToken(), access_token: accessToken(Date.now() + HOUR), refresh_token: "rt-abcdefghijklmnop", account_id: "acct-1" }, last_refresh: "2026-05-01T10:00:00Z", ...extra })

describe("auth status codex", () => {
  test("account, plan and expiry from the JWT claims, tokens masked", async () => {
    const file = authFile(loggedIn())
    const status = await provider().status({ file })
    expect(status.loggedIn).toBe(true)
    expect(status.details).toMatchObject({ source: "file", file, email: "ada@example.com", name: "Ada", plan: "plus", account_id: "acct-1", expired: false, refreshable: true, last_refresh: "2026-05-01T10:00:00Z", refresh_token: "rt-a****" })
    expect(JSON.stringify(status)).not.toContain("abcdefghijklmnop")
  })

  test("not logged in: a missing file", async () => {
    expect((await provider().status({ file: authFile() })).loggedIn).toBe(false)
  })

  test("CLI: status --json --file exit codes", async () => {
    const ok = await runCli(["auth", "status", "openai", "--json", "--file", authFile(loggedIn())])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ provider: "codex", logged_in: true, account_id: "acct-1" })
    const missing = await runCli(["auth", "status", "codex", "--json", "--file", authFile()])
    expect(missing.code).toBe(1)
  })
})

describe("auth logout codex", () => {
  test("keeps an API key and unknown keys, drops the ChatGPT tokens", async () => {
    const file = authFile(loggedIn({ OPENAI_API_KEY: "sk-kept", auth_mode: "chatgpt", custom: true }))
    expect(await provider().logout({ file, yes: true })).toBe(0)
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ OPENAI_API_KEY: "sk-kept", custom: true })
  })

  test("removes the file when only nulls are left; declining removes nothing", async () => {
    const file = authFile(loggedIn())
    expect(await provider(scriptedInteraction({ confirm: false })).logout({ file })).toBe(1)
    expect(existsSync(file)).toBe(true)
    expect(await provider(scriptedInteraction({ confirm: true })).logout({ file })).toBe(0)
    expect(existsSync(file)).toBe(false)
  })
})
