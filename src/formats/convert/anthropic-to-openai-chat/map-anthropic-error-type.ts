import { errorTypeForStatus } from "../../errors"

/**
 * Anthropic error `type` → OpenAI error `type`.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapAnthropicErrorType(type: string | undefined, status: number): string {
  switch (type) {
    case "invalid_request_error":
    case "authentication_error":
    case "permission_error":
    case "rate_limit_error":
    case "api_error":
      return type
    case "not_found_error":
    case "billing_error":
    case "request_too_large":
      return "invalid_request_error"
    case "overloaded_error":
    case "timeout_error":
      return "api_error"
    default: {
      const byStatus = errorTypeForStatus(status)
      return byStatus === "overloaded_error" ? "api_error" : byStatus
    }
  }
}
