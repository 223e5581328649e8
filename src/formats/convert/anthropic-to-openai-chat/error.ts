import { errorBody } from "../../errors"
import type { ConversionContext, ErrorResponse } from "../../types"
import { mapAnthropicErrorType } from "./map-anthropic-error-type"
import { readUpstreamError } from "./upstream-error"

/**
 * Anthropic error → OpenAI error body, keeping the HTTP status. Non-Anthropic bodies
 * (`{"detail": ...}` and friends) are read too, so a 4xx stays a 4xx.
 */
export function convertAnthropicErrorToChat(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  const { message, type } = readUpstreamError(error.body)
  const status = error.status >= 400 ? error.status : 500
  return { status, body: errorBody("openai.chat_completions", status, message, mapAnthropicErrorType(type, status)) }
}
