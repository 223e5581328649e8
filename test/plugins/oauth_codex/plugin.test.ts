import { expect, test } from "bun:test"
import { writeJsonFileAtomic } from "~/auth/credential-file"
import { credentialServiceName, type CredentialSource } from "~/auth/credential-source"
import { startFakeTokenServer } from "../../helpers/oauth-fakes"
import { createTestApp } from "../../helpers/test-server"
import { accessToken, authFile, HOUR, idToken } from "./helpers"

test("after a failed refresh, codex turns healthy again once the Codex CLI stored new credentials", async () => {
  const file = authFile({ tokens: { id_token: idToken(), access_token: accessToken(Date.now() - HOUR), refresh_token: "dead" } })
  const tokens = startFakeTokenServer(() => Response.json({ error: "invalid_grant" }, { status: 400 }))
  try {
    const app = await createTestApp({ settings: { "plugins.oauth_codex.credentials_file": file, "plugins.oauth_codex.token_url": tokens.tokenUrl } })
    await expect(app.system.core.services.get<CredentialSource>(credentialServiceName("codex"))!.current()).rejects.toThrow("invalid_grant")
    expect(await (await app.request("/plugins/codex/health")).json()).toMatchObject({ status: "unhealthy" })
    writeJsonFileAtomic(file, { tokens: { id_token: idToken(), access_token: accessToken(Date.now() + HOUR, "acct-1", "codex-cli"), refresh_token: "fresh" } })
    expect(await (await app.request("/plugins/codex/health")).json()).toMatchObject({ status: "healthy", details: { credentials: { present: true, lastRefresh: null } } })
  } finally {
    await tokens.stop()
  }
})
