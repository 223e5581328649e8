import type { ChatCompletionRequest } from "../../openai-chat/schema"
import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertChatErrorToResponses } from "./error"
import { convertChatRequestToResponses } from "./request"
import { convertChatResponseToResponses } from "./response"
import { convertChatStreamToResponses } from "./stream"

/** OpenAI Chat Completions → OpenAI Responses, every stage. */
export const adapter: FormatAdapter = {
  from: "openai.chat_completions",
  to: "openai.responses",
  convertRequest: (request, ctx) => convertChatRequestToResponses(request as ChatCompletionRequest, ctx),
  convertResponse: guardResponse("chat completion", convertChatResponseToResponses),
  convertStream: (ctx) => convertChatStreamToResponses(ctx),
  convertError: (error, ctx) => convertChatErrorToResponses(error, ctx),
}
