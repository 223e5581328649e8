import type { ChatUsage } from "../../openai-chat/schema"
import type { ResponsesUsage } from "../../openai-responses/schema"

/** Responses usage as Chat usage, cached and reasoning token details included. */
export function mapResponsesUsage(usage: ResponsesUsage): ChatUsage {
  const chat: ChatUsage = {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
  }
  const cached = usage.input_tokens_details?.cached_tokens
  if (cached !== undefined) chat.prompt_tokens_details = { cached_tokens: cached }
  const reasoning = usage.output_tokens_details?.reasoning_tokens
  if (reasoning !== undefined) chat.completion_tokens_details = { reasoning_tokens: reasoning }
  return chat
}
