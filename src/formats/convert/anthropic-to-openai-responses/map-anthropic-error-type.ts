/**
 * Anthropic error type → OpenAI error `type` and `code` (Codex CLI retries on
 * rate_limit_exceeded / server errors and reports context_length_exceeded specially).
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapAnthropicErrorType(type: string | undefined, message: string): { type: string; code: string } {
  switch (type) {
    case "invalid_request_error":
      return /prompt is too long|context window|too many tokens/i.test(message)
        ? { type: "invalid_request_error", code: "context_length_exceeded" }
        : { type: "invalid_request_error", code: "invalid_request_error" }
    case "authentication_error":
      return { type: "authentication_error", code: "invalid_api_key" }
    case "permission_error":
      return { type: "permission_error", code: "permission_denied" }
    case "not_found_error":
      return { type: "invalid_request_error", code: "not_found" }
    case "request_too_large":
      return { type: "invalid_request_error", code: "request_too_large" }
    case "rate_limit_error":
      return { type: "rate_limit_error", code: "rate_limit_exceeded" }
    case "billing_error":
      return { type: "insufficient_quota", code: "insufficient_quota" }
    case "overloaded_error":
      return { type: "server_error", code: "server_is_overloaded" }
    case "api_error":
    case "timeout_error":
      return { type: "server_error", code: "server_error" }
    default:
      return { type: "server_error", code: "server_error" }
  }
}
