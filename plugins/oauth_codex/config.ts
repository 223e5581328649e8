import { Type, type Static } from "@sinclair/typebox"

/** `[plugins.oauth_codex]`. Every URL is configurable so tests and gateways can point elsewhere. */
export const oauthCodexConfig = Type.Object({
  credentials_file: Type.String({ default: "", description: 'The Codex CLI\'s auth.json; "" means $CODEX_HOME/auth.json, else ~/.codex/auth.json' }),
  authorize_url: Type.String({ default: "https://auth.openai.com/oauth/authorize", description: "OAuth authorize URL" }),
  token_url: Type.String({ default: "https://auth.openai.com/oauth/token", description: "OAuth token URL (code exchange and refresh)" }),
  client_id: Type.String({ default: "app_EMoamEEZ73f0CkXaXp7hrann", description: "OAuth client id (the Codex CLI's)" }),
  scopes: Type.Array(Type.String(), { default: ["openid", "profile", "email", "offline_access"], description: "Scopes requested at login and refresh" }),
  originator: Type.String({ default: "codex_cli_rs", description: "`originator` sent on the authorize URL, as the Codex CLI does" }),
  user_agent: Type.String({ default: "Codex-Code/1.0.43", description: "User-Agent of token requests" }),
  callback_port: Type.Integer({ default: 1455, minimum: 0, maximum: 65535, description: "Loopback port of the login callback (0 picks a free one)" }),
  callback_path: Type.String({ default: "/auth/callback", description: "Path of the login callback" }),
  manual_redirect_uri: Type.String({
    default: "",
    description: 'Redirect used when pasting by hand; "" means the loopback one (http://localhost:<callback_port><callback_path>): paste the URL the browser lands on',
  }),
  refresh_grace_seconds: Type.Integer({ default: 120, minimum: 0, description: "Refresh the access token this many seconds before it expires" }),
  request_timeout: Type.Number({ default: 30, minimum: 1, description: "Seconds to wait for the token endpoint" }),
  callback_timeout: Type.Integer({ default: 300, minimum: 10, maximum: 3600, description: "Seconds `auth login` waits for the browser" }),
})

export type OAuthCodexConfig = Static<typeof oauthCodexConfig>
