/** USD per million tokens. A missing cache price means the provider publishes none: such tokens cost the input price. */
export interface ModelPrice {
  input: number
  output: number
  cacheWrite?: number
  cacheRead?: number
}

/** Token counts as billed: `input` excludes tokens read from or written to the prompt cache. */
export interface TokenCounts {
  input?: number
  output?: number
  cacheRead?: number
  cacheWrite?: number
}

export interface CostBreakdown {
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
  total: number
}

const PER_MILLION = 1_000_000

/** Cost in USD of `tokens` at `price`; reasoning tokens are already part of output tokens. */
export function costOf(price: ModelPrice, tokens: TokenCounts): CostBreakdown {
  const input = ((tokens.input ?? 0) * price.input) / PER_MILLION
  const output = ((tokens.output ?? 0) * price.output) / PER_MILLION
  const cacheRead = ((tokens.cacheRead ?? 0) * (price.cacheRead ?? price.input)) / PER_MILLION
  const cacheWrite = ((tokens.cacheWrite ?? 0) * (price.cacheWrite ?? price.input)) / PER_MILLION
  return { input, output, cacheRead, cacheWrite, total: input + output + cacheRead + cacheWrite }
}
