import type { AnthropicMessagesRequest } from "~/formats/anthropic/schema"
import { DEFAULT_MAX_TOKENS, defaultMaxTokensWarning } from "../../shared/default-max-tokens"
import { budgetForEffort, isReasoningEffort, MIN_THINKING_BUDGET } from "../../shared/reasoning-budget"
import type { ConversionContext } from "../../types"
import { warn } from "../anthropic-to-openai-chat/warn"

type Sampling = Pick<AnthropicMessagesRequest, "max_tokens" | "thinking" | "temperature" | "top_p">

/**
 * max_tokens, thinking (from reasoning_effort, via the shared table), temperature and top_p,
 * adjusted to what Anthropic accepts: thinking needs budget < max_tokens and temperature 1;
 * recent models reject temperature together with top_p.
 */
export function convertSampling(request: Record<string, unknown>, ctx: ConversionContext): Sampling {
  const effort = request.reasoning_effort
  if (effort !== undefined && effort !== null && !isReasoningEffort(effort)) {
    warn(ctx, "field_dropped", "reasoning_effort", `unknown reasoning_effort ${JSON.stringify(effort)}; ignored`)
  }
  let budget = isReasoningEffort(effort) ? budgetForEffort(effort) : undefined
  const requested = positiveInt(request.max_completion_tokens) ?? positiveInt(request.max_tokens)
  let maxTokens = requested
  if (maxTokens === undefined) {
    maxTokens = DEFAULT_MAX_TOKENS
    ctx.warnings.push(defaultMaxTokensWarning("max_tokens"))
  } else if (budget !== undefined && budget >= maxTokens) {
    const fitted = maxTokens - 1
    if (fitted < MIN_THINKING_BUDGET) {
      warn(ctx, "field_dropped", "reasoning_effort", `max tokens ${maxTokens} leave no room for thinking (minimum ${MIN_THINKING_BUDGET}); thinking disabled`)
      budget = undefined
    } else {
      warn(ctx, "value_clamped", "reasoning_effort", `thinking budget lowered from ${budget} to ${fitted} to fit max tokens`)
      budget = fitted
    }
  }
  const out: Sampling = { max_tokens: maxTokens }
  if (budget !== undefined) out.thinking = { type: "enabled", budget_tokens: budget }
  applyTemperature(request, out, ctx)
  return out
}

function applyTemperature(request: Record<string, unknown>, out: Sampling, ctx: ConversionContext): void {
  let temperature = typeof request.temperature === "number" ? request.temperature : undefined
  let topP = typeof request.top_p === "number" ? request.top_p : undefined
  if (temperature !== undefined && topP !== undefined) {
    warn(ctx, "field_dropped", "top_p", "Anthropic rejects temperature and top_p together; top_p dropped")
    topP = undefined
  }
  if (temperature !== undefined && temperature > 1) {
    warn(ctx, "value_clamped", "temperature", `temperature ${temperature} clamped to Anthropic's maximum 1`)
    temperature = 1
  }
  if (out.thinking) {
    if (temperature !== undefined && temperature !== 1) {
      warn(ctx, "value_clamped", "temperature", "extended thinking requires temperature 1")
      temperature = 1
    }
    if (topP !== undefined && topP < 0.95) {
      warn(ctx, "value_clamped", "top_p", "extended thinking requires top_p of at least 0.95")
      topP = 0.95
    }
  }
  if (temperature !== undefined) out.temperature = temperature
  if (topP !== undefined) out.top_p = topP
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined
}
