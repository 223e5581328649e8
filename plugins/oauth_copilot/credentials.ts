import type { AccessCredentials, CredentialHealth, CredentialSource } from "~/auth/credential-source"
import { notLoggedIn } from "~/auth/errors"
import { AuthError, ProxyError } from "~/core/errors"
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
    current: async () => withApi(await manager.current().catch((error: unknown) => Promise.reject(exchangeFailure(error, store)))),
    afterUnauthorized: async (rejected) => withApi(await manager.afterUnauthorized(rejected).catch((error: unknown) => Promise.reject(exchangeFailure(error, store)))),
    health: (): CredentialHealth => manager.health(),
    accountType: () => storedAccountType(safeRead(store)),
    async githubGet(path) {
      const token = store.githubToken()
      if (!token) throw notLoggedIn("copilot", `not logged in (no GitHub token in ${store.path})`)
      return githubRequest({ url: `${config.github_api_url.replace(/\/+$/, "")}${path}`, headers: githubHeaders(config, token), timeoutMs: config.request_timeout * 1000 })
    },
  }
}

/** No Copilot seat on the GitHub account (GitHub refused the token exchange with 403 or 404). */
export class CopilotNotEntitledError extends ProxyError {
  override status = 403
  override type = "permission_error"
  override code = "copilot_not_entitled"
}

/** GitHub could not hand out a Copilot token just now (unreachable, 5xx, 429): worth a retry, not a new login. */
export class CopilotTokenUnavailableError extends ProxyError {
  override type = "api_error"
  override code = "copilot_token_unavailable"
  constructor(message: string, override status: number, options?: ErrorOptions) {
    super(message, options)
  }
}

/**
 * The token manager turns every failed renewal into "not logged in" (401). For Copilot that
 * is right only when GitHub rejected the GitHub token: no Copilot seat is a 403, and GitHub
 * being down or busy is a 503 (429 when it said so) the client may retry, instead of being
 * told to log in again. Holds for the failure itself and for the cool-down after it.
 */
function exchangeFailure(error: unknown, store: CopilotTokenStore): unknown {
  if (!(error instanceof AuthError)) return error
  const failure = store.lastExchangeFailure()
  if (!failure || (error.cause !== failure && !error.message.includes(failure.message))) return error
  if (failure.oauthError === "no_copilot") return new CopilotNotEntitledError(failure.message, { cause: failure })
  const status = failure.httpStatus
  if (status === undefined || status === 200 || status === 429 || status >= 500) {
    return new CopilotTokenUnavailableError(`could not get a Copilot token from GitHub: ${failure.message}; try again shortly`, status === 429 ? 429 : 503, { cause: failure })
  }
  return error
}

function safeRead(store: CopilotTokenStore) {
  try {
    return store.read()
  } catch {
    return undefined
  }
}
