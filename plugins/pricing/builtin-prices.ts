import type { ModelPrice } from "./model-price"

const claude = (input: number, output: number): ModelPrice => ({ input, output, cacheWrite: input * 1.25, cacheRead: input / 10 })
const openai = (input: number, output: number, cacheRead?: number): ModelPrice => ({ input, output, cacheRead })

/**
 * List prices in USD per million tokens, so cost works offline. Keys are normalised names
 * (see normalize-model.ts); dated snapshots priced differently from their family have their
 * own key.
 *
 * Sources, as of 2026-02: Anthropic's pricing page (platform.claude.com/docs/en/about-claude/pricing;
 * cache write is the 5-minute rate, 1.25× input; cache read 0.1× input; the long-context
 * premium above 200k input tokens is not modelled) and OpenAI's API pricing page
 * (openai.com/api/pricing; "cached input" is cacheRead; OpenAI charges nothing extra for writes).
 */
export const BUILTIN_PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-opus-4-6": claude(5, 25),
  "claude-opus-4-5": claude(5, 25),
  "claude-opus-4-1": claude(15, 75),
  "claude-opus-4": claude(15, 75),
  "claude-sonnet-4-6": claude(3, 15),
  "claude-sonnet-4-5": claude(3, 15),
  "claude-sonnet-4": claude(3, 15),
  "claude-haiku-4-5": claude(1, 5),
  "claude-3-7-sonnet": claude(3, 15),
  "claude-3-5-sonnet": claude(3, 15),
  "claude-3-5-haiku": claude(0.8, 4),
  "claude-3-opus": claude(15, 75),
  "claude-3-haiku": { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },

  "gpt-5.3-codex": openai(1.75, 14, 0.175),
  "gpt-5.2-codex": openai(1.75, 14, 0.175),
  "gpt-5.2": openai(1.75, 14, 0.175),
  "gpt-5.1-codex-max": openai(1.25, 10, 0.125),
  "gpt-5.1-codex-mini": openai(0.25, 2, 0.025),
  "gpt-5.1-codex": openai(1.25, 10, 0.125),
  "gpt-5.1": openai(1.25, 10, 0.125),
  "gpt-5-codex": openai(1.25, 10, 0.125),
  "gpt-5": openai(1.25, 10, 0.125),
  "gpt-5-mini": openai(0.25, 2, 0.025),
  "gpt-5-nano": openai(0.05, 0.4, 0.005),
  "gpt-4.1": openai(2, 8, 0.5),
  "gpt-4.1-mini": openai(0.4, 1.6, 0.1),
  "gpt-4.1-nano": openai(0.1, 0.4, 0.025),
  "gpt-4o": openai(2.5, 10, 1.25),
  "gpt-4o-2024-05-13": openai(5, 15),
  "gpt-4o-mini": openai(0.15, 0.6, 0.075),
  "o1": openai(15, 60, 7.5),
  "o3": openai(2, 8, 0.5),
  "o3-mini": openai(1.1, 4.4, 0.55),
  "o4-mini": openai(1.1, 4.4, 0.275),
}
