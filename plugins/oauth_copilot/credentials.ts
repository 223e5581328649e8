import type { AccessCredentials, CredentialHealth, CredentialSource } from "~/auth/credential-source"
import { notLoggedIn } from "~/auth/errors"
import type { TokenManager } from "~/auth/token-manager"
import type { OAuthCopilotConfig } from "./config"
import { githubHeaders } from "./copilot-token"
import { storedAccountType, type AccountType } from "./credentials-file"
import { githubRequest, type GithubAnswer } from "./github-request"
import type { CopilotTokenStore } from "./token-store"

export interface CopilotAccess extends AccessCredentials {
  /** The API host GitHub named with this token (`endpoints.api`); absent when it named none. */
  apiBaseUrl?: string
}

/**
 * `credentials:copilot`: the Copilot service token for API calls (renewed ahead of
 * `refresh_in`, single-flight, by the shared TokenManager), the API host that goes with it,
 * and GitHub API calls made with the GitHub token, which never leaves this object.
 */
export interface CopilotCredentials extends CredentialSource {
  current(): Promise<CopilotAccess>
  afterUnauthorized(rejected: AccessCredentials): Promise<CopilotAccess>
  /** `individual`, `business` or `enterprise` as the login found it; undefined when unknown. */
  accountType(): AccountType | undefined
  /** GET `<github_api_url><path>` with the GitHub token; AuthError when not logged in. */
  githubGet(path: string): Promise<GithubAnswer>
}

export function copilotCredentials(manager: TokenManager, store: CopilotTokenStore, config: OAuthCopilotConfig): CopilotCredentials {
  const withApi = (access: AccessCredentials): CopilotAccess => {
    const apiBaseUrl = store.apiEndpoint(access.accessToken)
    return apiBaseUrl ? { accessToken: access.accessToken, apiBaseUrl } : { accessToken: access.accessToken }
  }
  return {
    current: async () => withApi(await manager.current()),
    afterUnauthorized: async (rejected) => withApi(await manager.afterUnauthorized(rejected)),
    health: (): CredentialHealth => manager.health(),
    accountType: () => storedAccountType(safeRead(store)),
    async githubGet(path) {
      const token = store.githubToken()
      if (!token) throw notLoggedIn("copilot", `not logged in (no GitHub token in ${store.path})`)
      return githubRequest({ url: `${config.github_api_url.replace(/\/+$/, "")}${path}`, headers: githubHeaders(config, token), timeoutMs: config.request_timeout * 1000 })
    },
  }
}

function safeRead(store: CopilotTokenStore) {
  try {
    return store.read()
  } catch {
    return undefined
  }
}
