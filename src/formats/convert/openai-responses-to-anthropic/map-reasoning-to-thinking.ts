import type { AnthropicThinkingConfig } from "../../anthropic/schema"
import type { ResponsesReasoningConfig } from "../../openai-responses/schema"
import { budgetForEffort, isReasoningEffort, MIN_THINKING_BUDGET } from "../../shared/reasoning-budget"
import type { ConversionContext } from "../../types"

/**
 * Responses `reasoning` → Anthropic `thinking` with a budget from the shared table.
 * A reasoning object without effort means OpenAI's default (medium); effort "none" or no
 * reasoning object means no thinking. The budget must stay below `max_tokens`.
 */
export function mapReasoningToThinking(
  reasoning: ResponsesReasoningConfig | null | undefined,
  maxTokens: number,
  ctx: ConversionContext,
): AnthropicThinkingConfig | undefined {
  if (!reasoning) return undefined
  const effort = reasoning.effort ?? "medium"
  if (!isReasoningEffort(effort)) return undefined
  let budget = budgetForEffort(effort)
  if (budget === undefined) return undefined
  if (budget >= maxTokens) {
    const clamped = Math.max(MIN_THINKING_BUDGET, Math.floor(maxTokens / 2))
    if (clamped >= maxTokens) {
      ctx.warnings.push({ code: "field_dropped", path: "reasoning", message: `max_output_tokens ${maxTokens} leaves no room for a thinking budget; thinking disabled` })
      return undefined
    }
    ctx.warnings.push({ code: "value_clamped", path: "reasoning.effort", message: `thinking budget ${budget} lowered to ${clamped} to stay below max_tokens ${maxTokens}` })
    budget = clamped
  }
  return { type: "enabled", budget_tokens: budget }
}
