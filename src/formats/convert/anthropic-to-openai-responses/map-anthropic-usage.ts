import type { AnthropicUsage } from "../../anthropic/schema"
import type { ResponsesUsage } from "../../openai-responses/schema"

/**
 * Anthropic usage → Responses usage. Anthropic's `input_tokens` excludes cache reads and
 * writes; OpenAI's includes them, with the cache reads as `cached_tokens`. Anthropic does
 * not report thinking tokens separately (they are inside `output_tokens`), so
 * `reasoning_tokens` is 0.
 */
export function mapAnthropicUsageToResponses(usage: Partial<AnthropicUsage> | undefined): ResponsesUsage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0
  const input = (usage?.input_tokens ?? 0) + cacheRead + cacheWrite
  const output = usage?.output_tokens ?? 0
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cacheRead },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + output,
  }
}
