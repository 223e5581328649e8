import type { ChatUsage } from "../../openai-chat/schema"
import type { ResponsesUsage } from "../../openai-responses/schema"

/** Chat usage as Responses usage; the detail objects are always present, as OpenAI sends them. */
export function mapChatUsage(usage: ChatUsage): ResponsesUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
  }
}
