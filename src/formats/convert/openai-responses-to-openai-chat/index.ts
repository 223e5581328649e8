import type { ChatCompletionRequest } from "../../openai-chat/schema"
import type { ResponsesRequest } from "../../openai-responses/schema"
import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertResponsesErrorToChat } from "./error"
import { convertResponsesRequestToChat } from "./request"
import { convertResponsesResponseToChat } from "./response"
import { convertResponsesStreamToChat } from "./stream"

/** OpenAI Responses → OpenAI Chat Completions, every stage. */
export const adapter: FormatAdapter = {
  from: "openai.responses",
  to: "openai.chat_completions",
  convertRequest: (request, ctx): ChatCompletionRequest => convertResponsesRequestToChat(request as ResponsesRequest, ctx),
  convertResponse: guardResponse("Responses response", convertResponsesResponseToChat),
  convertStream: (ctx) => convertResponsesStreamToChat(ctx),
  convertError: (error, ctx) => convertResponsesErrorToChat(error, ctx),
}
