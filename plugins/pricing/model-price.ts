/** USD per million tokens. A missing cache price means the provider publishes none: such tokens cost the input price. */
export interface ModelPrice {
  input: number
  output: number
  cache_write?: number
  cache_read?: number
}

/** Token counts as billed: `input` excludes tokens read from or written to the prompt cache. */
export interface TokenCounts {
  input?: number
  output?: number
  cache_read?: number
  cache_write?: number
}

export interface CostBreakdown {
  input: number
  output: number
  cache_read: number
  cache_write: number
  total: number
}

const PER_MILLION = 1_000_000

/** Cost in USD of `tokens` at `price`; reasoning tokens are already part of output tokens. */
export function costOf(price: ModelPrice, tokens: TokenCounts): CostBreakdown {
  const input = ((tokens.input ?? 0) * price.input) / PER_MILLION
  const output = ((tokens.output ?? 0) * price.output) / PER_MILLION
  const cache_read = ((tokens.cache_read ?? 0) * (price.cache_read ?? price.input)) / PER_MILLION
  const cache_write = ((tokens.cache_write ?? 0) * (price.cache_write ?? price.input)) / PER_MILLION
  return { input, output, cache_read, cache_write, total: input + output + cache_read + cache_write }
}
