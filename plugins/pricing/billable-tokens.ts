import type { TokenCounts } from "./model-price"

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0)

/**
 * Billable token counts from request.completed data. OpenAI formats count cached tokens
 * inside the prompt tokens, Anthropic's input_tokens excludes them; both become
 * `input` = tokens billed at the full input rate.
 */
export function billableTokens(data: Record<string, unknown>): Required<TokenCounts> {
  const cacheRead = num(data.tokens_cache_read)
  const cacheInsideInput = typeof data.provider_format === "string" && data.provider_format.startsWith("openai.")
  const input = Math.max(0, num(data.tokens_input) - (cacheInsideInput ? cacheRead : 0))
  return { input, output: num(data.tokens_output), cacheRead, cacheWrite: num(data.tokens_cache_write) }
}

/** The model a request was billed for: the one sent upstream, else the one asked for. */
export function billedModel(data: Record<string, unknown>): string | undefined {
  const model = data.upstream_model ?? data.model
  return typeof model === "string" && model !== "" ? model : undefined
}
