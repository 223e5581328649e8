import { Type, type Static } from "@sinclair/typebox"

export const maxTokensConfig = Type.Object({
  fallback_max_tokens: Type.Integer({
    default: 8192,
    minimum: 1,
    description: "max_tokens for an Anthropic request that has none (or an invalid one) when its model is not in the limits table; the same default the format converters use",
  }),
  enforce_mode: Type.Boolean({ default: false, description: "Raise every max_tokens / max_output_tokens present (and Anthropic's required max_tokens) to the model's limit" }),
  apply_to_all_providers: Type.Boolean({ default: true, description: "Act on every provider; false: only those in target_providers" }),
  target_providers: Type.Array(Type.String(), { default: ["claude_api", "codex", "copilot"], description: "Providers acted on when apply_to_all_providers is false" }),
  default_token_limits_file: Type.String({
    default: "",
    description: 'JSON file of limits added to (or replacing) the built-in table: {"model": {"max_output_tokens": 64000, "max_input_tokens": 200000}}; empty: built-in table only',
  }),
  log_modifications: Type.Boolean({ default: true, description: "Log each change (it is always reported in x-ccproxy-warnings)" }),
})

export type MaxTokensConfig = Static<typeof maxTokensConfig>
