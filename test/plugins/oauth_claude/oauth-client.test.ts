import { afterEach, describe, expect, test } from "bun:test"
import { createHash } from "node:crypto"
import { createPkce } from "~/auth/pkce"
import { claudeAuthorizeUrl, exchangeClaudeCode, refreshClaudeToken } from "../../../plugins/oauth_claude/oauth-client"
import { startFakeTokenServer, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { claudeConfig } from "./helpers"

let server: FakeTokenServer | undefined
afterEach(() => server?.stop())

describe("Claude OAuth requests (facts §3.1)", () => {
  test("authorize URL: Claude Code's parameters in order, S256 challenge", () => {
    const pkce = createPkce()
    const url = new URL(claudeAuthorizeUrl(claudeConfig(), "http://localhost:54545/callback", "st", pkce))
    expect(`${url.origin}${url.pathname}`).toBe("https://claude.ai/oauth/authorize")
    expect([...url.searchParams]).toEqual([
      ["code", "true"],
      ["client_id", "9d1c250a-e61b-44d9-88ed-5944d1962f5e"],
      ["redirect_uri", "http://localhost:54545/callback"],
      ["response_type", "code"],
      ["scope", "org:create_api_key user:profile user:inference"],
      ["state", "st"],
      ["code_challenge", createHash("sha256").update(pkce.verifier).digest("base64url")],
      ["code_challenge_method", "S256"],
    ])
  })

  test("code exchange: JSON body with the non-standard state, JSON headers", async () => {
    server = startFakeTokenServer(() => ({ access_token: "at", refresh_token: "rt", expires_in: 3600 }))
    const pkce = createPkce()
    const answer = await exchangeClaudeCode(claudeConfig({ token_url: server.tokenUrl }), { code: "the-code", redirectUri: "http://localhost:54545/callback", state: "st", pkce })
    expect(answer.access_token).toBe("at")
    const [request] = server.received
    expect(request!.contentType).toBe("application/json")
    expect(request!.headers.get("accept")).toBe("application/json")
    expect(JSON.parse(request!.raw)).toEqual({
      grant_type: "authorization_code",
      code: "the-code",
      redirect_uri: "http://localhost:54545/callback",
      client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
      code_verifier: pkce.verifier,
      state: "st",
    })
  })

  test("refresh: JSON grant_type, refresh_token, client_id and nothing else", async () => {
    server = startFakeTokenServer(() => ({ access_token: "at2" }))
    await refreshClaudeToken(claudeConfig({ token_url: server.tokenUrl }), "rt-1")
    expect(JSON.parse(server.received[0]!.raw)).toEqual({ grant_type: "refresh_token", refresh_token: "rt-1", client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e" })
    expect(server.received[0]!.contentType).toBe("application/json")
  })

  test("a refused refresh is a TokenEndpointError with the OAuth error code, never the token", async () => {
    server = startFakeTokenServer(() => Response.json({ error: "invalid_grant", error_description: "Refresh token revoked" }, { status: 400 }))
    const error = await refreshClaudeToken(claudeConfig({ token_url: server.tokenUrl }), "rt-secret-value").catch((e) => e)
    expect(error.oauthError).toBe("invalid_grant")
    expect(error.httpStatus).toBe(400)
    expect(error.message).toBe("token endpoint refused the request: HTTP 400 invalid_grant: Refresh token revoked")
    expect(error.message).not.toContain("rt-secret-value")
  })
})
