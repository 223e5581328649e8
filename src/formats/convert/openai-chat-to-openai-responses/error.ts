import type { ConversionContext, ErrorResponse } from "../../types"
import { convertOpenAIError } from "../openai-responses-to-openai-chat/error"

/** Chat errors as Responses errors: the same envelope, odd upstream shapes normalised. */
export function convertChatErrorToResponses(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  return convertOpenAIError(error, "openai.responses")
}
