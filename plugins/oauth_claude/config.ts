import { Type, type Static } from "@sinclair/typebox"

/** `[plugins.oauth_claude]`. Every URL is configurable so tests and gateways can point elsewhere. */
export const oauthClaudeConfig = Type.Object({
  credentials_file: Type.String({ default: "", description: 'Claude Code\'s credentials file; "" means $CLAUDE_CONFIG_DIR/.credentials.json, else ~/.claude/.credentials.json' }),
  oauth_token: Type.Optional(
    Type.String({ minLength: 1, secret: true, description: "Long-lived token (`claude setup-token`), used as is and never refreshed; wins over CLAUDE_CODE_OAUTH_TOKEN and the file" }),
  ),
  use_keychain: Type.Boolean({ default: true, description: "On macOS, read Claude Code's Keychain entry when the credentials file is absent" }),
  authorize_url: Type.String({ default: "https://claude.ai/oauth/authorize", description: "OAuth authorize URL" }),
  token_url: Type.String({ default: "https://console.anthropic.com/v1/oauth/token", description: "OAuth token URL (code exchange and refresh)" }),
  profile_url: Type.String({ default: "https://api.anthropic.com/api/oauth/profile", description: "Account profile URL shown by `auth status`" }),
  client_id: Type.String({ default: "9d1c250a-e61b-44d9-88ed-5944d1962f5e", description: "OAuth client id (Claude Code's)" }),
  scopes: Type.Array(Type.String(), { default: ["org:create_api_key", "user:profile", "user:inference"], description: "Scopes requested at login" }),
  callback_port: Type.Integer({ default: 54545, minimum: 0, maximum: 65535, description: "Loopback port of the login callback (0 picks a free one)" }),
  callback_path: Type.String({ default: "/callback", description: "Path of the login callback" }),
  manual_redirect_uri: Type.String({ default: "https://console.anthropic.com/oauth/code/callback", description: "Redirect used when pasting the code by hand (the page shows code#state)" }),
  refresh_grace_seconds: Type.Integer({ default: 120, minimum: 0, description: "Refresh the access token this many seconds before it expires" }),
  request_timeout: Type.Number({ default: 30, minimum: 1, description: "Seconds to wait for the token and profile endpoints" }),
  callback_timeout: Type.Integer({ default: 300, minimum: 10, maximum: 3600, description: "Seconds `auth login` waits for the browser" }),
})

export type OAuthClaudeConfig = Static<typeof oauthClaudeConfig>
