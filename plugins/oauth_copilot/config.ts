import { Type, type Static } from "@sinclair/typebox"

/** `[plugins.oauth_copilot]`. Every URL is configurable so tests and GitHub Enterprise Server can point elsewhere. */
export const oauthCopilotConfig = Type.Object({
  credentials_file: Type.String({ default: "", description: 'Where the GitHub and Copilot tokens are kept; "" means ~/.config/copilot/credentials.json' }),
  client_id: Type.String({ default: "Iv1.b507a08c87ecfe98", description: "OAuth client id of the device flow (the Copilot editor plugins')" }),
  scopes: Type.Array(Type.String(), { default: ["read:user"], description: "Scopes requested at login" }),
  device_code_url: Type.String({ default: "https://github.com/login/device/code", description: "Device flow: where the user code is requested" }),
  access_token_url: Type.String({ default: "https://github.com/login/oauth/access_token", description: "Device flow: where the GitHub token is polled for" }),
  copilot_token_url: Type.String({ default: "https://api.github.com/copilot_internal/v2/token", description: "Exchanges the GitHub token for the short-lived Copilot service token" }),
  github_api_url: Type.String({ default: "https://api.github.com", description: "GitHub REST API: the account name at login, the quota behind GET /copilot/usage" }),
  user_agent: Type.String({ default: "GitHubCopilotChat/0.26.7", description: "User-Agent of GitHub requests" }),
  editor_version: Type.String({ default: "vscode/1.85.0", description: "Editor-Version sent with the token exchange" }),
  editor_plugin_version: Type.String({ default: "copilot-chat/0.26.7", description: "Editor-Plugin-Version sent with the token exchange" }),
  refresh_grace_seconds: Type.Integer({ default: 60, minimum: 0, description: "Renew the Copilot token this many seconds before GitHub says to (refresh_in) or it expires" }),
  request_timeout: Type.Number({ default: 30, minimum: 1, description: "Seconds to wait for each GitHub request" }),
  login_timeout: Type.Integer({ default: 900, minimum: 10, maximum: 3600, description: "Seconds `auth login` waits for the code to be entered (GitHub's own expiry may end it sooner)" }),
})

export type OAuthCopilotConfig = Static<typeof oauthCopilotConfig>
