import type { ModelRule } from "~/providers/model-map"

/** Models listed by GET /claude/v1/models unless configured otherwise. */
export const DEFAULT_MODELS = ["claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929", "claude-opus-4-20250514", "claude-sonnet-4-20250514"]

/**
 * Short names and OpenAI model names to current Claude models, so OpenAI-speaking tools work
 * unchanged. Real Claude model names pass through untouched (no rule matches them).
 */
export const DEFAULT_MODEL_RULES: ModelRule[] = [
  { match: "opus", target: "claude-opus-4-6", kind: "exact" },
  { match: "sonnet", target: "claude-sonnet-4-6", kind: "exact" },
  { match: "haiku", target: "claude-haiku-4-5-20251001", kind: "exact" },
  { match: "gpt-4o-mini", target: "claude-haiku-4-5-20251001", kind: "prefix" },
  { match: "gpt-4.1-mini", target: "claude-haiku-4-5-20251001", kind: "prefix" },
  { match: "gpt-5-mini", target: "claude-haiku-4-5-20251001", kind: "prefix" },
  { match: "gpt-3.5", target: "claude-haiku-4-5-20251001", kind: "prefix" },
  { match: "^(gpt-4|gpt-5|chatgpt)", target: "claude-sonnet-4-6", kind: "regex" },
  { match: "^o\\d", target: "claude-opus-4-6", kind: "regex" },
]
