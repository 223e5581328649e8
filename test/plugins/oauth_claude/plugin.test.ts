import { expect, test } from "bun:test"
import { credentialServiceName, type CredentialSource } from "~/auth/credential-source"
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
