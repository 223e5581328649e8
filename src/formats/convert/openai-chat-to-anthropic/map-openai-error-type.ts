/**
 * HTTP status and OpenAI error type → Anthropic error type. The status decides first,
 * because OpenAI-compatible upstreams often send a vague or missing `type`.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapOpenAIErrorType(status: number, type: string | undefined): string {
  switch (status) {
    case 400:
    case 422:
      return "invalid_request_error"
    case 401:
      return "authentication_error"
    case 402:
      return "billing_error"
    case 403:
      return "permission_error"
    case 404:
      return "not_found_error"
    case 413:
      return "request_too_large"
    case 429:
      return "rate_limit_error"
    case 503:
    case 529:
      return "overloaded_error"
    case 504:
      return "timeout_error"
    default:
      return byType(type, status)
  }
}

function byType(type: string | undefined, status: number): string {
  switch (type) {
    case "invalid_request_error":
    case "authentication_error":
    case "permission_error":
    case "not_found_error":
    case "rate_limit_error":
    case "overloaded_error":
      return type
    case "insufficient_quota":
      return "rate_limit_error"
    default:
      return status >= 400 && status < 500 ? "invalid_request_error" : "api_error"
  }
}
