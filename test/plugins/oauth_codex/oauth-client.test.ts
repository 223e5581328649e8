import { afterEach, describe, expect, test } from "bun:test"
import { createPkce } from "~/auth/pkce"
import { codexAuthorizeUrl, exchangeCodexCode, refreshCodexToken } from "../../../plugins/oauth_codex/oauth-client"
import { startFakeTokenServer, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { codexConfig } from "./helpers"

let server: FakeTokenServer | undefined
afterEach(() => server?.stop())

describe("OpenAI OAuth requests (facts §3.2)", () => {
  test("authorize URL carries the Codex CLI's extra parameters", () => {
    const pkce = createPkce()
    const url = new URL(codexAuthorizeUrl(codexConfig(), "http://localhost:1455/auth/callback", "st", pkce))
    expect(`${url.origin}${url.pathname}`).toBe("https://auth.openai.com/oauth/authorize")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "app_EMoamEEZ73f0CkXaXp7hrann",
      redirect_uri: "http://localhost:1455/auth/callback",
      scope: "openid profile email offline_access",
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      id_token_add_organizations: "true",
      codex_cli_simplified_flow: "true",
      state: "st",
      originator: "codex_cli_rs",
    })
  })

  test("code exchange: form-encoded, with Accept and User-Agent", async () => {
    server = startFakeTokenServer(() => ({ access_token: "at", id_token: "it", refresh_token: "rt" }))
    const pkce = createPkce()
    await exchangeCodexCode(codexConfig({ token_url: server.tokenUrl }), { code: "the code", redirectUri: "http://localhost:1455/auth/callback", state: "st", pkce })
    const [request] = server.received
    expect(request!.contentType).toBe("application/x-www-form-urlencoded")
    expect(request!.headers.get("accept")).toBe("application/json")
    expect(request!.headers.get("user-agent")).toBe("Codex-Code/1.0.43")
    expect([...new URLSearchParams(request!.raw)]).toEqual([
      ["grant_type", "authorization_code"],
      ["code", "the code"],
      ["redirect_uri", "http://localhost:1455/auth/callback"],
      ["client_id", "app_EMoamEEZ73f0CkXaXp7hrann"],
      ["code_verifier", pkce.verifier],
    ])
  })

  test("refresh: form-encoded grant with the scope", async () => {
    server = startFakeTokenServer(() => ({ access_token: "at2" }))
    await refreshCodexToken(codexConfig({ token_url: server.tokenUrl }), "rt-1")
    expect(server.received[0]!.contentType).toBe("application/x-www-form-urlencoded")
    expect([...new URLSearchParams(server.received[0]!.raw)]).toEqual([
      ["grant_type", "refresh_token"],
      ["refresh_token", "rt-1"],
      ["client_id", "app_EMoamEEZ73f0CkXaXp7hrann"],
      ["scope", "openid profile email offline_access"],
    ])
  })
})
