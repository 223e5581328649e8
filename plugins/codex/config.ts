import { Type, type Static } from "@sinclair/typebox"
import { ModelRuleSchema } from "~/providers/model-map"
import { DEFAULT_MODEL_RULES, DEFAULT_MODELS } from "./models"

/** Codex CLI release whose identity (version header, user agent) ccproxy presents upstream. */
export const CODEX_CLI_VERSION = "0.171.0"

/** Fields the ChatGPT backend answers 400 for ("Unsupported parameter: ..."); removed with a warning. */
export const DEFAULT_UNSUPPORTED_FIELDS = [
  "max_output_tokens", "max_completion_tokens", "max_tokens", "temperature", "top_p", "metadata",
  "user", "safety_identifier", "truncation", "top_logprobs", "background", "previous_response_id", "conversation",
]

const literals = <T extends string>(values: readonly T[]) => values.map((value) => Type.Literal(value))

export const codexConfig = Type.Object({
  base_url: Type.String({ default: "https://chatgpt.com/backend-api/codex", description: "ChatGPT backend Codex base URL; requests go to {base_url}/responses" }),
  model_mappings: Type.Array(ModelRuleSchema, { default: DEFAULT_MODEL_RULES, description: "Ordered model rules (exact, prefix, suffix, regex); first match wins, no match keeps the client's model" }),
  models: Type.Array(Type.String(), { default: DEFAULT_MODELS, description: "Model ids listed by GET /codex/v1/models, before those in $CODEX_HOME/models_cache.json" }),
  instructions: Type.String({
    default: "You are a helpful assistant.",
    description: "Sent as `instructions` when the client sends none (no instructions field and no system/developer items); the backend requires the field. Empty: send nothing",
  }),
  reasoning_effort: Type.Union(literals(["", "minimal", "low", "medium", "high", "xhigh"]), { default: "", description: "Reasoning effort when the client asks for none: minimal, low, medium, high, xhigh; empty leaves the model's default" }),
  reasoning_summary: Type.Union(literals(["", "auto", "concise", "detailed"]), {
    default: "auto",
    description: "Reasoning summary when the client asks for none (summaries become Claude thinking blocks and Chat reasoning); empty asks for none",
  }),
  unsupported_fields: Type.Array(Type.String(), { default: DEFAULT_UNSUPPORTED_FIELDS, description: "Request fields removed before sending, each reported in x-ccproxy-warnings" }),
  originator: Type.String({ default: "codex_cli_rs", description: "`originator` header for clients that are not the Codex CLI (the Codex CLI's own is kept)" }),
  version: Type.String({ default: CODEX_CLI_VERSION, description: "`version` header: the Codex CLI version presented upstream (newer models need a recent one)" }),
  user_agent: Type.String({ default: `codex_cli_rs/${CODEX_CLI_VERSION}`, description: "`user-agent` for clients that are not the Codex CLI (the Codex CLI's own is kept)" }),
  request_timeout: Type.Number({ default: 600, minimum: 1, description: "Seconds to wait for upstream response headers (and a whole assembled answer)" }),
  stream_idle_timeout: Type.Number({ default: 300, minimum: 1, description: "Seconds a stream may stay silent before it is ended with an error" }),
})

export type CodexConfig = Static<typeof codexConfig>
