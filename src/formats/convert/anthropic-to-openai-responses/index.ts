import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertAnthropicErrorToResponses } from "./error"
import { convertAnthropicRequestToResponses } from "./request"
import { convertAnthropicResponseToResponses } from "./response"
import { createAnthropicToResponsesStream } from "./stream"

/** Anthropic Messages → OpenAI Responses, for every stage. */
export const adapter: FormatAdapter = {
  from: "anthropic.messages",
  to: "openai.responses",
  convertRequest: convertAnthropicRequestToResponses,
  convertResponse: guardResponse("Anthropic response", convertAnthropicResponseToResponses),
  convertStream: createAnthropicToResponsesStream,
  convertError: convertAnthropicErrorToResponses,
}
