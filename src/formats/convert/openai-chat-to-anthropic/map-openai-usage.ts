import type { AnthropicUsage } from "~/formats/anthropic/schema"
import { isRecord } from "../anthropic-to-openai-chat/warn"

/**
 * Chat usage → Anthropic usage. Chat's `prompt_tokens` includes cached tokens, Anthropic's
 * `input_tokens` does not: input = prompt − cached − cache writes (OpenRouter's
 * `cache_write_tokens`, which the Anthropic → Chat direction also emits).
 */
export function mapOpenAIUsage(usage: unknown): AnthropicUsage {
  if (!isRecord(usage)) return { input_tokens: 0, output_tokens: 0 }
  const details = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {}
  const prompt = numberOr0(usage.prompt_tokens)
  const cacheRead = numberOr0(details.cached_tokens)
  const cacheWrite = numberOr0(details.cache_write_tokens)
  return {
    input_tokens: Math.max(0, prompt - cacheRead - cacheWrite),
    output_tokens: numberOr0(usage.completion_tokens),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  }
}

function numberOr0(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0
}
