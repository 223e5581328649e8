import { defineSystemPlugin, HookEvent, HookPriority, type HookContext, type PluginContext } from "ccproxy/plugin"
import type { ConversionWarning } from "~/formats/types"
import { applyTokenLimits } from "./apply-limits"
import { maxTokensConfig, type MaxTokensConfig } from "./config"
import { lookupLimits, MODEL_LIMITS, readLimitsFile, type ModelLimits } from "./limits"
import { upstreamFormat } from "./upstream-format"

/** The limits table per running instance (keyed by its config object). */
const tables = new WeakMap<MaxTokensConfig, Readonly<Record<string, ModelLimits>>>()

const OUTPUT_128K = 128_000

/** Claude 3.7 Sonnet writes up to 128k tokens when the client asks with this beta. */
function withBetaOutput(limits: ModelLimits | undefined, headers: unknown): ModelLimits | undefined {
  const beta = headers instanceof Headers ? (headers.get("anthropic-beta") ?? "") : ""
  return limits && beta.includes("output-128k") && limits.maxOutput < OUTPUT_128K ? { ...limits, maxOutput: OUTPUT_128K } : limits
}

/** A retried call (after a 401) prepares the body again: its changes are reported once. */
function report(warnings: unknown, changes: ConversionWarning[]): void {
  if (!Array.isArray(warnings)) return
  for (const change of changes) {
    if (!warnings.some((warning: ConversionWarning) => warning.path === change.path && warning.message === change.message)) warnings.push(change)
  }
}

function limitTokens(context: PluginContext<MaxTokensConfig>, event: HookContext): void {
  const { config } = context
  const table = tables.get(config)
  const body = event.data.body as Record<string, unknown> | undefined
  if (!table || !body || typeof body !== "object") return
  if (!config.apply_to_all_providers && !config.target_providers.includes(event.provider ?? "")) return
  const model = typeof body.model === "string" ? body.model : "the model"
  const limits = withBetaOutput(lookupLimits(body.model, table), event.data.headers)
  const format = upstreamFormat(event.data, body)
  const changes = applyTokenLimits(body, { format, model, limits, fallbackMaxTokens: config.fallback_max_tokens, enforce: config.enforce_mode })
  if (changes.length === 0) return
  report(event.data.warnings, changes)
  if (config.log_modifications) context.logger.info(changes.map((change) => change.message).join("; "), { request_id: event.requestId })
}

/** Fills Anthropic's required max_tokens and caps output limits above the model's, saying so in x-ccproxy-warnings. */
export const factory = defineSystemPlugin({
  name: "max_tokens",
  version: "1.0.0",
  description: "Fills a missing Anthropic max_tokens and caps max_tokens / max_output_tokens to the model's limit",
  enabledByDefault: false,
  config: maxTokensConfig,
  hooks: [
    {
      name: "max_tokens.limit",
      events: [HookEvent.PROVIDER_REQUEST_PREPARED],
      priority: HookPriority.PROCESSING,
      create: (context) => (event) => limitTokens(context, event),
    },
  ],
  setup(context) {
    const config = context.config
    const fromFile = config.default_token_limits_file ? readLimitsFile(config.default_token_limits_file) : {}
    tables.set(config, { ...MODEL_LIMITS, ...fromFile })
    return {
      shutdown: () => void tables.delete(config),
      healthCheck: () => ({ status: "healthy", details: { models: Object.keys(tables.get(config) ?? {}).length, limits_file: config.default_token_limits_file || null } }),
    }
  },
})
