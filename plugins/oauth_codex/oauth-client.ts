import type { AuthorizationGrant } from "~/auth/login-flow"
import type { Pkce } from "~/auth/pkce"
import { requestToken, type TokenResponse } from "~/auth/token-endpoint"
import type { OAuthCodexConfig } from "./config"

/** OpenAI's authorize URL with the extra parameters the Codex CLI sends. */
export function codexAuthorizeUrl(config: OAuthCodexConfig, redirectUri: string, state: string, pkce: Pkce): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: config.client_id,
    redirect_uri: redirectUri,
    scope: config.scopes.join(" "),
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    id_token_add_organizations: "true",
    codex_cli_simplified_flow: "true",
    state,
    originator: config.originator,
  })
  return `${config.authorize_url}?${params}`
}

const headers = (config: OAuthCodexConfig) => ({ "User-Agent": config.user_agent })

/** Authorization code → tokens, form-encoded. */
export async function exchangeCodexCode(config: OAuthCodexConfig, grant: AuthorizationGrant): Promise<TokenResponse> {
  return requestToken({
    url: config.token_url,
    encoding: "form",
    body: { grant_type: "authorization_code", code: grant.code, redirect_uri: grant.redirectUri, client_id: config.client_id, code_verifier: grant.pkce.verifier },
    headers: headers(config),
    timeoutMs: config.request_timeout * 1000,
  })
}

export async function refreshCodexToken(config: OAuthCodexConfig, refreshToken: string): Promise<TokenResponse> {
  return requestToken({
    url: config.token_url,
    encoding: "form",
    body: { grant_type: "refresh_token", refresh_token: refreshToken, client_id: config.client_id, scope: config.scopes.join(" ") },
    headers: headers(config),
    timeoutMs: config.request_timeout * 1000,
  })
}
