import type { ConversionWarning } from "../types"

/**
 * Anthropic requires `max_tokens`; OpenAI clients may leave the output limit out (Codex CLI
 * always does). C→A and R→A then send this: the output limit of Claude Opus 4/4.1, the lowest
 * among current Claude models, and room for the largest thinking budget (24576) plus an answer.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview#model-comparison-table
 */
export const DEFAULT_MAX_TOKENS = 32000

/** The warning both directions push when they fill in {@link DEFAULT_MAX_TOKENS}. */
export function defaultMaxTokensWarning(path: string): ConversionWarning {
  return { code: "value_changed", path, message: `Anthropic requires max_tokens; defaulted to ${DEFAULT_MAX_TOKENS}` }
}
