import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertAnthropicErrorToChat } from "./error"
import { convertAnthropicRequestToChat } from "./request"
import { convertAnthropicResponseToChat } from "./response"
import { createAnthropicToChatStream } from "./stream"

/** Anthropic Messages → OpenAI Chat Completions, for every stage. */
export const adapter: FormatAdapter = {
  from: "anthropic.messages",
  to: "openai.chat_completions",
  convertRequest: convertAnthropicRequestToChat,
  convertResponse: guardResponse("Anthropic response", convertAnthropicResponseToChat),
  convertStream: createAnthropicToChatStream,
  convertError: convertAnthropicErrorToChat,
}
