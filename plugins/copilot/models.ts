import type { ModelRule } from "~/providers/model-map"

/**
 * Models Copilot serves only through its `/responses` endpoint (the Codex family and the
 * newest GPT-5 releases answer "not accessible via /chat/completions"). Prefixes; the live
 * model list's `supported_endpoints` is consulted first when GET /copilot/v1/models has run.
 */
export const DEFAULT_RESPONSES_ONLY_MODELS = ["gpt-5-codex", "gpt-5.1-codex", "gpt-5.2-codex", "gpt-5.3-codex", "gpt-5.4", "gpt-5.5", "codex-"]

/** Models whose Chat Completions take `max_completion_tokens` instead of `max_tokens` (prefixes). */
export const DEFAULT_MAX_COMPLETION_TOKENS_MODELS = ["gpt-5", "o1", "o3", "o4"]

/** What GET /copilot/v1/models answers when Copilot cannot be asked. */
export const FALLBACK_MODELS = [
  "gpt-4.1", "gpt-4o", "gpt-4o-mini", "gpt-5", "gpt-5-mini", "gpt-5-codex", "o3-mini", "o4-mini",
  "claude-sonnet-4", "claude-sonnet-4.5", "claude-haiku-4.5", "claude-opus-4.1", "gemini-2.5-pro", "grok-code-fast-1",
  "text-embedding-3-small",
]

/** Claude Code's short aliases go to Copilot's Claude models; dated Claude names are handled by `copilotModelName`. */
export const DEFAULT_MODEL_RULES: ModelRule[] = [
  { match: "opus", target: "claude-opus-4.1", kind: "exact" },
  { match: "sonnet", target: "claude-sonnet-4.5", kind: "exact" },
  { match: "haiku", target: "claude-haiku-4.5", kind: "exact" },
]

const CLAUDE_DASHED = /^claude-(opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/

/**
 * Anthropic's model ids (`claude-sonnet-4-5-20250929`) in Copilot's spelling
 * (`claude-sonnet-4.5`); any other name is returned unchanged.
 */
export function copilotModelName(model: string): string {
  const match = CLAUDE_DASHED.exec(model)
  if (!match) return model
  const [, family, major, minor] = match
  return minor ? `claude-${family}-${major}.${minor}` : `claude-${family}-${major}`
}
