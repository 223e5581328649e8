import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertResponsesErrorToAnthropic } from "./error"
import { convertResponsesRequestToAnthropic } from "./request"
import { convertResponsesResponseToAnthropic } from "./response"
import { createResponsesToAnthropicStream } from "./stream"

/** OpenAI Responses → Anthropic Messages, for every stage. */
export const adapter: FormatAdapter = {
  from: "openai.responses",
  to: "anthropic.messages",
  convertRequest: convertResponsesRequestToAnthropic,
  convertResponse: guardResponse("Responses response", convertResponsesResponseToAnthropic),
  convertStream: createResponsesToAnthropicStream,
  convertError: convertResponsesErrorToAnthropic,
}
