import { TokenEndpointError } from "~/auth/errors"

export interface GithubRequest {
  url: string
  method?: "GET" | "POST"
  /** Form fields (POST, application/x-www-form-urlencoded). */
  form?: Record<string, string>
  headers?: Record<string, string>
  timeoutMs: number
}

export interface GithubAnswer {
  status: number
  /** The parsed JSON object; `{}` when the body is not one. */
  data: Record<string, unknown>
}

/**
 * One request to GitHub with JSON back. Never throws for an HTTP status (callers decide);
 * throws TokenEndpointError when GitHub cannot be reached in time. Nothing in the message
 * echoes a token.
 */
export async function githubRequest(request: GithubRequest): Promise<GithubAnswer> {
  const headers: Record<string, string> = { Accept: "application/json", ...request.headers }
  if (request.form) headers["Content-Type"] = "application/x-www-form-urlencoded"
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method ?? (request.form ? "POST" : "GET"),
      headers,
      body: request.form ? new URLSearchParams(request.form).toString() : undefined,
      signal: AbortSignal.timeout(request.timeoutMs),
    })
  } catch (error) {
    const reason = (error as Error)?.name === "TimeoutError" ? `no answer within ${request.timeoutMs / 1000} s` : (error as Error)?.message
    throw new TokenEndpointError(`${new URL(request.url).host} unreachable: ${reason}`, undefined, undefined, { cause: error })
  }
  const text = await response.text()
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    data = {}
  }
  return { status: response.status, data: data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {} }
}

/** GitHub's own words for a failure (`message`, `error_description`), cut short. */
export function githubMessage(answer: GithubAnswer): string {
  const text = [answer.data.error_description, answer.data.message, answer.data.error].find((value) => typeof value === "string") as string | undefined
  return `HTTP ${answer.status}${text ? `: ${text.slice(0, 200)}` : ""}`
}
