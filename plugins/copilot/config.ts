import { Type, type Static } from "@sinclair/typebox"
import { ModelRuleSchema } from "~/providers/model-map"
import { DEFAULT_MAX_COMPLETION_TOKENS_MODELS, DEFAULT_MODEL_RULES, DEFAULT_RESPONSES_ONLY_MODELS, FALLBACK_MODELS } from "./models"

const literals = <T extends string>(values: readonly T[]) => values.map((value) => Type.Literal(value))

export const copilotConfig = Type.Object({
  base_url: Type.String({ default: "", description: 'Copilot API base URL; "" means the one GitHub names with the Copilot token (endpoints.api), else the account type\'s' }),
  account_type: Type.Union(literals(["individual", "business", "enterprise"]), {
    default: "individual",
    description: "Picks the API host when neither base_url nor the Copilot token names one: api.githubcopilot.com, api.business.githubcopilot.com, api.enterprise.githubcopilot.com",
  }),
  integration_id: Type.String({ default: "vscode-chat", description: "Copilot-Integration-Id header" }),
  editor_version: Type.String({ default: "vscode/1.85.0", description: "Editor-Version header" }),
  editor_plugin_version: Type.String({ default: "copilot-chat/0.26.7", description: "Editor-Plugin-Version header" }),
  user_agent: Type.String({ default: "GitHubCopilotChat/0.26.7", description: "User-Agent header" }),
  api_version: Type.String({ default: "2025-04-01", description: "X-GitHub-Api-Version header" }),
  openai_intent: Type.String({ default: "conversation-panel", description: "openai-intent header" }),
  model_mappings: Type.Array(ModelRuleSchema, { default: DEFAULT_MODEL_RULES, description: "Ordered model rules (exact, prefix, suffix, regex); first match wins. Dated Claude ids (claude-sonnet-4-5-20250929) become Copilot's (claude-sonnet-4.5) after these" }),
  responses_only_models: Type.Array(Type.String(), {
    default: DEFAULT_RESPONSES_ONLY_MODELS,
    description: "Model prefixes Copilot serves only on /responses: Chat and Anthropic clients asking for them are converted to Responses instead of failing",
  }),
  max_completion_tokens_models: Type.Array(Type.String(), {
    default: DEFAULT_MAX_COMPLETION_TOKENS_MODELS,
    description: "Model prefixes that take max_completion_tokens on Chat Completions; other models get max_tokens",
  }),
  fallback_models: Type.Array(Type.String(), { default: FALLBACK_MODELS, description: "Model ids GET /copilot/v1/models lists when Copilot's own list cannot be fetched" }),
  request_timeout: Type.Number({ default: 300, minimum: 1, description: "Seconds to wait for upstream response headers (and a whole non-streamed answer)" }),
  stream_idle_timeout: Type.Number({ default: 300, minimum: 1, description: "Seconds a stream may stay silent before it is ended with an error" }),
})

export type CopilotConfig = Static<typeof copilotConfig>

export const ACCOUNT_API: Record<CopilotConfig["account_type"], string> = {
  individual: "https://api.githubcopilot.com",
  business: "https://api.business.githubcopilot.com",
  enterprise: "https://api.enterprise.githubcopilot.com",
}
