import { expect, test } from "bun:test"
import { writeJsonFileAtomic } from "~/auth/credential-file"
import { credentialServiceName, type CredentialSource } from "~/auth/credential-source"
import { startFakeTokenServer } from "../../helpers/oauth-fakes"
import { createTestApp } from "../../helpers/test-server"
import { credentialsFile, HOUR } from "./helpers"

test("the plugin registers credentials:claude-api and reports it in its health", async () => {
  const file = credentialsFile({ claudeAiOauth: { accessToken: "sk-ant-oat01-abcdefghijklmnop", refreshToken: "r", expiresAt: Date.now() + HOUR } })
  const app = await createTestApp({ settings: { "plugins.oauth_claude.credentials_file": file, "plugins.oauth_claude.use_keychain": false } })
  const source = app.system.core.services.get<CredentialSource>(credentialServiceName("claude-api"))!
  expect(await source.current()).toEqual({ accessToken: "sk-ant-oat01-abcdefghijklmnop" })
  const health = await (await app.request("/plugins/oauth_claude/health")).json()
  expect(health).toMatchObject({ plugin: "oauth_claude", status: "healthy", details: { present: true, source: "file", lastRefresh: null } })
  expect(JSON.stringify(health)).not.toContain("abcdefghijklmnop")
})

test("without credentials the plugin still starts, unhealthy with the reason", async () => {
  const app = await createTestApp({ settings: { "plugins.oauth_claude.credentials_file": credentialsFile(), "plugins.oauth_claude.use_keychain": false } })
  const health = await (await app.request("/plugins/oauth_claude/health")).json()
  expect(health).toMatchObject({ status: "unhealthy", details: { present: false, error: expect.stringContaining("no credentials") } })
  await expect(app.system.core.services.get<CredentialSource>("credentials:claude-api")!.current()).rejects.toThrow("ccproxy auth login claude-api")
})

test("after a failed refresh, claude_api turns healthy again once another program stored new credentials", async () => {
  const file = credentialsFile({ claudeAiOauth: { accessToken: "expired", refreshToken: "dead", expiresAt: Date.now() - HOUR } })
  const tokens = startFakeTokenServer(() => Response.json({ error: "invalid_grant" }, { status: 400 }))
  try {
    const app = await createTestApp({ settings: { "plugins.oauth_claude.credentials_file": file, "plugins.oauth_claude.use_keychain": false, "plugins.oauth_claude.token_url": tokens.tokenUrl } })
    await expect(app.system.core.services.get<CredentialSource>(credentialServiceName("claude-api"))!.current()).rejects.toThrow("invalid_grant")
    expect(await (await app.request("/plugins/claude_api/health")).json()).toMatchObject({ status: "unhealthy" })
    writeJsonFileAtomic(file, { claudeAiOauth: { accessToken: "from-claude-code", refreshToken: "fresh", expiresAt: Date.now() + HOUR } })
    expect(await (await app.request("/plugins/claude_api/health")).json()).toMatchObject({ status: "healthy", details: { credentials: { present: true, lastRefresh: null } } })
    expect(await (await app.request("/plugins/oauth_claude/health")).json()).toMatchObject({ status: "healthy" })
  } finally {
    await tokens.stop()
  }
})
