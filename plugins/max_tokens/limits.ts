import { readFileSync } from "node:fs"

export interface ModelLimits {
  /** Most output tokens the model may be asked for (`max_tokens` / `max_output_tokens`). */
  maxOutput: number
  /** Context window, input and output together; informational. */
  context: number
}

const limits = (maxOutput: number, context: number): ModelLimits => ({ maxOutput, context })
const GPT5 = limits(128_000, 400_000)
const GPT41 = limits(32_768, 1_047_576)
const O_SERIES = limits(100_000, 200_000)

/**
 * Standard limits per model family (dates and `-latest` are stripped before lookup). Values
 * with a beta header (Claude 3.7's 128k output, 1M contexts) are not the default ones.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview
 * @see https://platform.openai.com/docs/models
 */
export const MODEL_LIMITS: Readonly<Record<string, ModelLimits>> = {
  "claude-opus-4-6": limits(128_000, 200_000),
  "claude-sonnet-4-6": limits(64_000, 200_000),
  "claude-opus-4-5": limits(64_000, 200_000),
  "claude-sonnet-4-5": limits(64_000, 200_000),
  "claude-haiku-4-5": limits(64_000, 200_000),
  "claude-opus-4-1": limits(32_000, 200_000),
  "claude-opus-4": limits(32_000, 200_000),
  "claude-opus-4-0": limits(32_000, 200_000),
  "claude-sonnet-4": limits(64_000, 200_000),
  "claude-sonnet-4-0": limits(64_000, 200_000),
  "claude-3-7-sonnet": limits(64_000, 200_000),
  "claude-3-5-sonnet": limits(8_192, 200_000),
  "claude-3-5-haiku": limits(8_192, 200_000),
  "claude-3-opus": limits(4_096, 200_000),
  "claude-3-sonnet": limits(4_096, 200_000),
  "claude-3-haiku": limits(4_096, 200_000),
  "gpt-5": GPT5,
  "gpt-5-mini": GPT5,
  "gpt-5-nano": GPT5,
  "gpt-5-codex": GPT5,
  "gpt-5.1": GPT5,
  "gpt-5.1-codex": GPT5,
  "gpt-5.1-codex-mini": GPT5,
  "gpt-5.1-codex-max": GPT5,
  "gpt-5.2": GPT5,
  "gpt-5.2-codex": GPT5,
  "gpt-5.3-codex": GPT5,
  "gpt-4.1": GPT41,
  "gpt-4.1-mini": GPT41,
  "gpt-4.1-nano": GPT41,
  "gpt-4o": limits(16_384, 128_000),
  "gpt-4o-mini": limits(16_384, 128_000),
  o1: O_SERIES,
  o3: O_SERIES,
  "o3-mini": O_SERIES,
  "o4-mini": O_SERIES,
  "codex-mini": O_SERIES,
}

const DATE_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/

/**
 * The limits of an exact model id, or of the id without its date or `-latest` suffix. No
 * looser matching: `claude-opus-4-8` must not inherit `claude-opus-4`'s 32k and get capped.
 */
export function lookupLimits(model: unknown, table: Readonly<Record<string, ModelLimits>>): ModelLimits | undefined {
  if (typeof model !== "string") return undefined
  const id = model.toLowerCase()
  return table[id] ?? table[id.replace(DATE_SUFFIX, "")]
}

/** Limits from a JSON file in the original's `token_limits.json` shape: `{ model: { max_output_tokens, max_input_tokens } }`. */
export function readLimitsFile(path: string): Record<string, ModelLimits> {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Record<string, { max_output_tokens?: unknown; max_input_tokens?: unknown; context?: unknown }>
  const out: Record<string, ModelLimits> = {}
  for (const [model, entry] of Object.entries(parsed)) {
    if (model.startsWith("_") || typeof entry?.max_output_tokens !== "number") continue
    const context = typeof entry.context === "number" ? entry.context : typeof entry.max_input_tokens === "number" ? entry.max_input_tokens : 0
    out[model.toLowerCase()] = limits(entry.max_output_tokens, context)
  }
  return out
}
