import type { AuthorizationGrant } from "~/auth/login-flow"
import type { Pkce } from "~/auth/pkce"
import { requestToken, type TokenResponse } from "~/auth/token-endpoint"
import type { ClaudeOAuthEntry } from "./credentials-file"
import type { OAuthClaudeConfig } from "./config"

/** Claude's authorize URL, parameters in the order Claude Code sends them (facts §3.1). */
export function claudeAuthorizeUrl(config: OAuthClaudeConfig, redirectUri: string, state: string, pkce: Pkce): string {
  const params = new URLSearchParams({
    code: "true",
    client_id: config.client_id,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: config.scopes.join(" "),
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  })
  return `${config.authorize_url}?${params}`
}

/** What a token answer means for the stored entry; a refresh without a new refresh token keeps the old one. */
export function entryFromTokenResponse(config: OAuthClaudeConfig, response: TokenResponse, now = Date.now()): Partial<ClaudeOAuthEntry> & { accessToken: string } {
  const expiresIn = Number(response.expires_in)
  return {
    accessToken: response.access_token,
    refreshToken: typeof response.refresh_token === "string" && response.refresh_token ? response.refresh_token : undefined,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : undefined,
    scopes: typeof response.scope === "string" && response.scope.trim() ? response.scope.trim().split(/\s+/) : config.scopes,
    subscriptionType: typeof response.subscription_type === "string" ? response.subscription_type : undefined,
  }
}

/** Authorization code → tokens. Claude's endpoint takes JSON and, unusually, wants `state` too. */
export async function exchangeClaudeCode(config: OAuthClaudeConfig, grant: AuthorizationGrant): Promise<TokenResponse> {
  return requestToken({
    url: config.token_url,
    encoding: "json",
    body: {
      grant_type: "authorization_code",
      code: grant.code,
      redirect_uri: grant.redirectUri,
      client_id: config.client_id,
      code_verifier: grant.pkce.verifier,
      state: grant.state,
    },
    timeoutMs: config.request_timeout * 1000,
  })
}

export async function refreshClaudeToken(config: OAuthClaudeConfig, refreshToken: string): Promise<TokenResponse> {
  return requestToken({
    url: config.token_url,
    encoding: "json",
    body: { grant_type: "refresh_token", refresh_token: refreshToken, client_id: config.client_id },
    timeoutMs: config.request_timeout * 1000,
  })
}
