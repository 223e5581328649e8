import type { AnthropicUsage } from "../../anthropic/schema"
import type { ResponsesUsage } from "../../openai-responses/schema"

/**
 * Responses usage → Anthropic usage. OpenAI's `input_tokens` includes cached tokens while
 * Anthropic's excludes them (input + cache_read + cache_creation = total prompt), so the
 * cached part moves to `cache_read_input_tokens`. Reasoning tokens are already part of
 * `output_tokens` on both sides; Anthropic has no separate field for them.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function mapResponsesUsageToAnthropic(usage: ResponsesUsage | null | undefined): AnthropicUsage {
  const input = usage?.input_tokens ?? 0
  const cached = Math.min(usage?.input_tokens_details?.cached_tokens ?? 0, input)
  return {
    input_tokens: input - cached,
    output_tokens: usage?.output_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  }
}
