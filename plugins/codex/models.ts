import type { ModelRule } from "~/providers/model-map"

/** The model Claude names and retired OpenAI names are sent to unless configured otherwise. */
export const DEFAULT_CODEX_MODEL = "gpt-5.3-codex"

/** Models listed by GET /codex/v1/models (plus those in $CODEX_HOME/models_cache.json). */
export const DEFAULT_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.2"]

/**
 * Claude names (what Claude Code sends: `claude-opus-4-8`, `claude-haiku-4-5-20251001`, or the
 * short aliases) and OpenAI models the ChatGPT backend does not serve go to a current Codex
 * model. GPT-5 and Codex names pass through untouched (no rule matches them).
 */
export const DEFAULT_MODEL_RULES: ModelRule[] = [
  { match: "claude-", target: DEFAULT_CODEX_MODEL, kind: "prefix" },
  ...["opus", "sonnet", "haiku"].map((match): ModelRule => ({ match, target: DEFAULT_CODEX_MODEL, kind: "exact" })),
  ...["gpt-4", "gpt-3.5", "chatgpt-4o", "o1", "o3", "o4"].map((match): ModelRule => ({ match, target: DEFAULT_CODEX_MODEL, kind: "prefix" })),
]
