import { errorBody } from "../../errors"
import type { ConversionContext, ErrorResponse } from "../../types"
import { readUpstreamError } from "../anthropic-to-openai-chat/upstream-error"
import { mapOpenAIErrorType } from "./map-openai-error-type"

/** OpenAI (or OpenAI-compatible, `{"detail"}`, plain text) error → Anthropic error body, keeping the status. */
export function convertChatErrorToAnthropic(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  const { message, type } = readUpstreamError(error.body)
  const status = error.status >= 400 ? error.status : 500
  return { status, body: errorBody("anthropic.messages", status, message, mapOpenAIErrorType(status, type)) }
}
