import { TokenEndpointError } from "~/auth/errors"
import type { OAuthCopilotConfig } from "./config"
import type { CopilotToken } from "./credentials-file"
import { githubMessage, githubRequest } from "./github-request"

/** Headers of the GitHub calls made with the GitHub token (token exchange, user, quota). */
export function githubHeaders(config: OAuthCopilotConfig, githubToken: string): Record<string, string> {
  return {
    Authorization: `token ${githubToken}`,
    "User-Agent": config.user_agent,
    "Editor-Version": config.editor_version,
    "Editor-Plugin-Version": config.editor_plugin_version,
  }
}

/** Exchanges the GitHub token for a Copilot service token; TokenEndpointError saying why when GitHub refuses. */
export async function exchangeCopilotToken(config: OAuthCopilotConfig, githubToken: string): Promise<CopilotToken> {
  const answer = await githubRequest({ url: config.copilot_token_url, headers: githubHeaders(config, githubToken), timeoutMs: config.request_timeout * 1000 })
  const data = answer.data
  if (answer.status === 401) throw new TokenEndpointError(`GitHub rejected the GitHub token (${githubMessage(answer)})`, 401, "invalid_token")
  if (answer.status === 403 || answer.status === 404) {
    throw new TokenEndpointError(`this GitHub account has no Copilot access (${githubMessage(answer)}); check the subscription at https://github.com/settings/copilot`, answer.status, "no_copilot")
  }
  if (answer.status !== 200) throw new TokenEndpointError(`the Copilot token exchange failed (${githubMessage(answer)})`, answer.status)
  if (typeof data.token !== "string" || data.token === "" || typeof data.expires_at !== "number") {
    throw new TokenEndpointError("the Copilot token exchange answered without a token", answer.status)
  }
  return data as CopilotToken
}

/** The login name of the GitHub account, for messages; undefined when GitHub does not say. */
export async function githubLogin(config: OAuthCopilotConfig, githubToken: string): Promise<string | undefined> {
  const answer = await githubRequest({
    url: `${config.github_api_url.replace(/\/+$/, "")}/user`,
    headers: { ...githubHeaders(config, githubToken), Accept: "application/vnd.github+json" },
    timeoutMs: config.request_timeout * 1000,
  }).catch(() => undefined)
  const login = answer?.status === 200 ? answer.data.login : undefined
  return typeof login === "string" ? login : undefined
}
