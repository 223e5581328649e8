import { guardResponse } from "../../shared/upstream-body"
import type { FormatAdapter } from "../../types"
import { convertChatErrorToAnthropic } from "./error"
import { convertChatRequestToAnthropic } from "./request"
import { convertChatResponseToAnthropic } from "./response"
import { createChatToAnthropicStream } from "./stream"

/** OpenAI Chat Completions → Anthropic Messages, for every stage. */
export const adapter: FormatAdapter = {
  from: "openai.chat_completions",
  to: "anthropic.messages",
  convertRequest: convertChatRequestToAnthropic,
  convertResponse: guardResponse("chat completion", convertChatResponseToAnthropic),
  convertStream: createChatToAnthropicStream,
  convertError: convertChatErrorToAnthropic,
}
