import { errorTypeForStatus } from "../../errors"

/**
 * An OpenAI error `type` / `code` (and the HTTP status, when known) → Anthropic error type.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapResponsesErrorType(type: string | null | undefined, code: string | null | undefined, status?: number): string {
  // 402 Payment Required (OpenRouter-style credit exhaustion) is Anthropic's billing_error whatever the body says.
  if (status === 402) return "billing_error"
  switch (code ?? undefined) {
    case "rate_limit_exceeded":
    case "insufficient_quota":
      return "rate_limit_error"
    case "server_error":
      return "api_error"
    case "server_is_overloaded":
    case "slow_down":
      return "overloaded_error"
    case "context_length_exceeded":
    case "invalid_prompt":
    case "invalid_request_error":
      return "invalid_request_error"
    default:
      break
  }
  switch (type ?? undefined) {
    case "invalid_request_error":
    case "authentication_error":
    case "permission_error":
    case "rate_limit_error":
    case "not_found_error":
    case "overloaded_error":
      return type!
    case "insufficient_quota":
      return "rate_limit_error"
    case "server_error":
    case "api_error":
      return "api_error"
    default:
      return status === undefined ? "api_error" : errorTypeForStatus(status)
  }
}
