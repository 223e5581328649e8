import { Type, type Static } from "@sinclair/typebox"
import { ModelRuleSchema } from "~/providers/model-map"
import { DEFAULT_MODEL_RULES, DEFAULT_MODELS } from "./models"

export const claudeApiConfig = Type.Object({
  base_url: Type.String({ default: "https://api.anthropic.com", description: "Anthropic API base URL (a gateway or test server may stand in)" }),
  system_prompt_injection_mode: Type.Union([Type.Literal("none"), Type.Literal("minimal"), Type.Literal("full")], {
    default: "minimal",
    description: "Claude Code identity block put first in `system` for clients that are not Claude Code: none, minimal (the identity line), full (identity line plus system_prompt_file)",
  }),
  system_prompt_file: Type.String({ default: "", description: "With injection mode full: a file whose text follows the identity line (e.g. a captured Claude Code system prompt)" }),
  model_mappings: Type.Array(ModelRuleSchema, { default: DEFAULT_MODEL_RULES, description: "Ordered model rules (exact, prefix, suffix, regex); first match wins" }),
  models: Type.Array(Type.String(), { default: DEFAULT_MODELS, description: "Model ids listed by GET /claude/v1/models" }),
  request_timeout: Type.Number({ default: 600, minimum: 1, description: "Seconds to wait for upstream response headers (and a whole non-streamed answer)" }),
  stream_idle_timeout: Type.Number({ default: 300, minimum: 1, description: "Seconds a stream may stay silent before it is ended with an error" }),
})

export type ClaudeApiConfig = Static<typeof claudeApiConfig>
