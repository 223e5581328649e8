import { adapter as anthropicToOpenAIChat } from "./convert/anthropic-to-openai-chat"
import { adapter as anthropicToOpenAIResponses } from "./convert/anthropic-to-openai-responses"
import { adapter as openAIChatToAnthropic } from "./convert/openai-chat-to-anthropic"
import { adapter as openAIChatToOpenAIResponses } from "./convert/openai-chat-to-openai-responses"
import { adapter as openAIResponsesToAnthropic } from "./convert/openai-responses-to-anthropic"
import { adapter as openAIResponsesToOpenAIChat } from "./convert/openai-responses-to-openai-chat"
import type { FormatAdapter } from "./types"

/**
 * The six built-in adapters, registered by the core under priority 100.
 * Each direction lives in src/formats/convert/<from>-to-<to>/.
 */
export const builtinFormatAdapters: FormatAdapter[] = [
  anthropicToOpenAIChat,
  openAIChatToAnthropic,
  anthropicToOpenAIResponses,
  openAIResponsesToAnthropic,
  openAIChatToOpenAIResponses,
  openAIResponsesToOpenAIChat,
]

export type { ConversionContext, ConversionWarning, ErrorResponse, FormatAdapter, FormatId, SseEvent, StreamConverter } from "./types"
