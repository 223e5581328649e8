import type { AnthropicMessagesRequest } from "../../anthropic/schema"
import type { ResponsesReasoningConfig } from "../../openai-responses/schema"
import { effortForBudget, effortFromAnthropicEffort } from "../../shared/reasoning-budget"

/**
 * Anthropic `thinking` (+ `output_config.effort`) → Responses `reasoning`.
 * enabled: budget → nearest effort (shared table); adaptive: effort 1:1 (max → high);
 * disabled / absent: the model's default, unless `output_config.effort` names one.
 * Summaries are requested so thinking text can stream back, except for `display: "omitted"`.
 */
export function mapThinkingToReasoning(request: AnthropicMessagesRequest): ResponsesReasoningConfig | undefined {
  const thinking = request.thinking
  const effort = request.output_config?.effort
  switch (thinking?.type) {
    case "enabled":
      return { effort: effortForBudget(thinking.budget_tokens), summary: "auto" }
    case "adaptive":
      return thinking.display === "omitted"
        ? { effort: effortFromAnthropicEffort(effort) }
        : { effort: effortFromAnthropicEffort(effort), summary: "auto" }
    case "disabled":
    case undefined:
      return effort === undefined ? undefined : { effort: effortFromAnthropicEffort(effort) }
    default:
      return undefined
  }
}
