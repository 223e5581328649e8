/**
 * OpenAI reasoning effort ⇄ Anthropic extended-thinking budget.
 *
 * | effort   | budget_tokens | why                                                   |
 * |----------|---------------|-------------------------------------------------------|
 * | none     | thinking off  | `{"type":"disabled"}` / no `thinking`                 |
 * | minimal  | 1024          | Anthropic's minimum budget                            |
 * | low      | 4096          |                                                       |
 * | medium   | 10240         |                                                       |
 * | high     | 24576         | leaves room for an answer under a 32k output limit    |
 * | xhigh    | 24576         | no larger tier on the Anthropic side                  |
 *
 * Budget → effort picks the nearest row on a log scale (boundaries are the geometric
 * means of neighbouring budgets), so a round trip of any table value is exact.
 *
 * Adaptive thinking (`{"type":"adaptive"}`, Claude 4.6-era) has no budget; its depth is
 * `output_config.effort` (low/medium/high/max, default high). Effort maps 1:1 for
 * low/medium/high; `max` has no OpenAI value and becomes `high`.
 */
export type ReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh"
export type ThinkingEffort = Exclude<ReasoningEffort, "none">

export const MIN_THINKING_BUDGET = 1024

export const REASONING_BUDGET_TABLE: Readonly<Record<ThinkingEffort, number>> = {
  minimal: 1024,
  low: 4096,
  medium: 10240,
  high: 24576,
  xhigh: 24576,
}

/** Default Anthropic `output_config.effort` when adaptive thinking names none. */
export const ADAPTIVE_DEFAULT_EFFORT = "high"

const ORDERED: readonly (readonly [Exclude<ThinkingEffort, "xhigh">, number])[] = [
  ["minimal", REASONING_BUDGET_TABLE.minimal],
  ["low", REASONING_BUDGET_TABLE.low],
  ["medium", REASONING_BUDGET_TABLE.medium],
  ["high", REASONING_BUDGET_TABLE.high],
]

export function isReasoningEffort(value: unknown): value is ReasoningEffort {
  return value === "none" || value === "minimal" || value === "low" || value === "medium" || value === "high" || value === "xhigh"
}

/** Budget for an effort; undefined for "none" (thinking disabled). */
export function budgetForEffort(effort: ReasoningEffort): number | undefined {
  return effort === "none" ? undefined : REASONING_BUDGET_TABLE[effort]
}

/** The effort whose budget is nearest to `budget` on a log scale. */
export function effortForBudget(budget: number): Exclude<ThinkingEffort, "xhigh"> {
  if (!(budget > 0)) return "minimal"
  for (let i = 0; i < ORDERED.length - 1; i++) {
    const boundary = Math.sqrt(ORDERED[i]![1] * ORDERED[i + 1]![1])
    if (budget < boundary) return ORDERED[i]![0]
  }
  return "high"
}

/** Anthropic `output_config.effort` (adaptive thinking) → OpenAI reasoning effort. */
export function effortFromAnthropicEffort(effort: string | undefined): "low" | "medium" | "high" {
  switch (effort) {
    case "low":
      return "low"
    case "medium":
      return "medium"
    default:
      return "high"
  }
}

/** OpenAI reasoning effort → Anthropic `output_config.effort` for adaptive thinking. */
export function anthropicEffortFromEffort(effort: ThinkingEffort): "low" | "medium" | "high" | "max" {
  switch (effort) {
    case "minimal":
    case "low":
      return "low"
    case "medium":
      return "medium"
    case "high":
      return "high"
    case "xhigh":
      return "max"
    default:
      return "high"
  }
}
