import { TokenEndpointError } from "./errors"

export interface TokenRequest {
  url: string
  /** `json` for Claude, `form` (application/x-www-form-urlencoded) for OpenAI. */
  encoding: "json" | "form"
  body: Record<string, string>
  headers?: Record<string, string>
  timeoutMs: number
}

/** The token endpoint's JSON answer: `access_token`, `refresh_token`, `expires_in`, ... */
export type TokenResponse = Record<string, unknown> & { access_token: string }

function encode(request: TokenRequest): { body: string; contentType: string } {
  if (request.encoding === "json") return { body: JSON.stringify(request.body), contentType: "application/json" }
  return { body: new URLSearchParams(request.body).toString(), contentType: "application/x-www-form-urlencoded" }
}

/** What a failed answer says, without echoing anything that could be a token. */
function describeFailure(status: number, text: string): { message: string; oauthError?: string } {
  try {
    const data = JSON.parse(text) as Record<string, unknown>
    const nested = data.error && typeof data.error === "object" ? (data.error as Record<string, unknown>) : undefined
    const oauthError = typeof data.error === "string" ? data.error : typeof nested?.type === "string" ? nested.type : undefined
    const description = [data.error_description, nested?.message, data.message].find((value) => typeof value === "string") as string | undefined
    return { oauthError, message: `HTTP ${status}${oauthError ? ` ${oauthError}` : ""}${description ? `: ${description.slice(0, 300)}` : ""}` }
  } catch {
    return { message: `HTTP ${status}` }
  }
}

/** POSTs a grant to the token endpoint; TokenEndpointError on any failure. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const { body, contentType } = encode(request)
  let response: Response
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": contentType, ...request.headers },
      body,
      // A redirect would re-send the grant (refresh token, code verifier) to wherever it points.
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    })
  } catch (error) {
    const reason = (error as Error)?.name === "TimeoutError" ? `no answer within ${request.timeoutMs / 1000} s` : (error as Error)?.message
    throw new TokenEndpointError(`token endpoint ${request.url} unreachable: ${reason}`, undefined, undefined, { cause: error })
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel()
    throw new TokenEndpointError(`token endpoint ${request.url} answered with a redirect (HTTP ${response.status}); not followed, since the request carries credentials`, response.status)
  }
  const text = await response.text()
  if (!response.ok) {
    const failure = describeFailure(response.status, text)
    throw new TokenEndpointError(`token endpoint refused the request: ${failure.message}`, response.status, failure.oauthError)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new TokenEndpointError("token endpoint answered with something that is not JSON", response.status)
  }
  const token = (data as Record<string, unknown> | null)?.access_token
  if (typeof token !== "string" || token === "") throw new TokenEndpointError("token endpoint answered without an access_token", response.status)
  return data as TokenResponse
}
