import type { ConversionWarning } from "~/formats/types"
import type { ModelLimits } from "./limits"
import type { UpstreamFormat } from "./upstream-format"

type Json = Record<string, unknown>

export interface LimitOptions {
  format: UpstreamFormat
  model: string
  limits: ModelLimits | undefined
  fallbackMaxTokens: number
  enforce: boolean
}

// Optional fields are only capped (or raised in enforce mode) when present: adding one can be
// refused (the ChatGPT backend rejects max_output_tokens, o-series models reject max_tokens).
const FIELDS: Record<UpstreamFormat, string[]> = {
  anthropic: ["max_tokens"],
  chat: ["max_completion_tokens", "max_tokens"],
  responses: ["max_output_tokens"],
  unknown: ["max_tokens", "max_completion_tokens", "max_output_tokens"],
}

const MIN_THINKING_BUDGET = 1024
const isPositiveInt = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0
const change = (code: ConversionWarning["code"], path: string, message: string): ConversionWarning => ({ code, path, message: `${message} (max_tokens plugin)` })

/** Anthropic refuses a thinking budget that is not below max_tokens. */
function fitThinking(body: Json, maxTokens: number, changes: ConversionWarning[]): void {
  const thinking = body.thinking as Json | undefined
  if (thinking?.type !== "enabled" || !isPositiveInt(thinking.budget_tokens) || thinking.budget_tokens < maxTokens) return
  const fitted = maxTokens - 1
  if (fitted < MIN_THINKING_BUDGET) return
  changes.push(change("value_clamped", "thinking.budget_tokens", `thinking budget ${thinking.budget_tokens} lowered to ${fitted} to stay below max_tokens`))
  body.thinking = { ...thinking, budget_tokens: fitted }
}

/**
 * Fills Anthropic's required `max_tokens` when missing or invalid (the model's limit, or the
 * fallback for an unknown model), caps any output limit above the model's, and in enforce
 * mode raises present ones to it. Changes `body` in place and returns what it changed.
 */
export function applyTokenLimits(body: Json, options: LimitOptions): ConversionWarning[] {
  const changes: ConversionWarning[] = []
  const limit = options.limits?.maxOutput
  const { model } = options
  for (const field of FIELDS[options.format]) {
    const value = body[field]
    const required = options.format === "anthropic"
    if (value === undefined || value === null || !isPositiveInt(value)) {
      if (!required) continue
      const filled = limit ?? options.fallbackMaxTokens
      const why = value === undefined || value === null ? "missing" : `invalid (${JSON.stringify(value)})`
      changes.push(change("value_changed", field, `${field} ${why}; set to ${filled}${limit ? `, ${model}'s limit` : " (fallback_max_tokens; model not in the limits table)"}`))
      body[field] = filled
    } else if (limit !== undefined && value > limit) {
      changes.push(change("value_clamped", field, `${field} ${value} is above ${model}'s limit; capped to ${limit}`))
      body[field] = limit
    } else if (limit !== undefined && options.enforce && value < limit) {
      changes.push(change("value_changed", field, `${field} ${value} raised to ${model}'s limit ${limit} (enforce_mode)`))
      body[field] = limit
    }
  }
  if (options.format === "anthropic" && isPositiveInt(body.max_tokens)) fitThinking(body, body.max_tokens, changes)
  return changes
}
