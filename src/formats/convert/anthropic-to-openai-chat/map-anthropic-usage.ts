import type { AnthropicUsage } from "~/formats/anthropic/schema"

/** Chat usage with the cache-write count Anthropic reports (OpenRouter's field name). */
export interface ChatUsageOut {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number }
  completion_tokens_details?: { reasoning_tokens: number }
}

/**
 * Anthropic usage → Chat usage. Anthropic's `input_tokens` excludes cached tokens while
 * Chat's `prompt_tokens` includes them, so prompt = input + cache read + cache write.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function mapAnthropicUsage(usage: Partial<AnthropicUsage> | undefined): ChatUsageOut {
  const input = usage?.input_tokens ?? 0
  const output = usage?.output_tokens ?? 0
  const cacheRead = usage?.cache_read_input_tokens ?? 0
  const cacheWrite = cacheWriteTokens(usage)
  const prompt = input + cacheRead + cacheWrite
  const details: ChatUsageOut["prompt_tokens_details"] = { cached_tokens: cacheRead }
  if (cacheWrite > 0) details.cache_write_tokens = cacheWrite
  const out: ChatUsageOut = {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: details,
  }
  const reasoning = (usage as { output_tokens_details?: { thinking_tokens?: unknown } } | undefined)?.output_tokens_details
    ?.thinking_tokens
  if (typeof reasoning === "number") out.completion_tokens_details = { reasoning_tokens: reasoning }
  return out
}

function cacheWriteTokens(usage: Partial<AnthropicUsage> | undefined): number {
  if (typeof usage?.cache_creation_input_tokens === "number") return usage.cache_creation_input_tokens
  const breakdown = usage?.cache_creation
  return (breakdown?.ephemeral_5m_input_tokens ?? 0) + (breakdown?.ephemeral_1h_input_tokens ?? 0)
}
