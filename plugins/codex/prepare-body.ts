import { carriesAnthropicThinking } from "~/formats/openai-responses/reasoning-carrier"
import type { ResponsesReasoningItem } from "~/formats/openai-responses/schema"
import type { ConversionContext } from "~/formats/types"
import type { CodexConfig } from "./config"
import { conversationKey } from "./conversation-key"
import { moveInstructions } from "./instructions"
import { warnOnce } from "./warn"

type Json = Record<string, unknown>

const ENCRYPTED_REASONING = "reasoning.encrypted_content"

/** Input items the backend cannot take: references to stored items (nothing is stored) and Claude thinking it cannot verify. */
function cleanInput(body: Json, ctx: ConversionContext): void {
  if (!Array.isArray(body.input)) return
  body.input = (body.input as Json[]).flatMap((item, index) => {
    if (item?.type === "item_reference") {
      warnOnce(ctx, "field_dropped", `input[${index}]`, "item_reference items need stored responses, which the ChatGPT backend does not keep (store is false); dropped")
      return []
    }
    if (item?.type === "reasoning" && carriesAnthropicThinking(item as unknown as ResponsesReasoningItem)) {
      warnOnce(ctx, "field_dropped", `input[${index}]`, "Claude thinking from an earlier turn cannot be verified by OpenAI; dropped")
      return []
    }
    if (item && item.type === undefined && typeof item.role === "string") return [{ type: "message", ...item }]
    return [item]
  })
}

function applyReasoning(body: Json, config: CodexConfig): void {
  if (body.reasoning === undefined || body.reasoning === null) {
    const reasoning: Json = {}
    if (config.reasoning_effort) reasoning.effort = config.reasoning_effort
    if (config.reasoning_summary) reasoning.summary = config.reasoning_summary
    if (Object.keys(reasoning).length > 0) body.reasoning = reasoning
    else delete body.reasoning
  }
  const hasReasoningHistory = Array.isArray(body.input) && (body.input as Json[]).some((item) => item?.type === "reasoning")
  if (!body.reasoning && !hasReasoningHistory) return
  // With store:false the next turn can only carry reasoning forward if it came back encrypted.
  const include = Array.isArray(body.include) ? (body.include as unknown[]) : []
  if (!include.includes(ENCRYPTED_REASONING)) body.include = [...include, ENCRYPTED_REASONING]
}

/**
 * The Responses body the ChatGPT backend accepts, changed in place: instructions gathered,
 * unsupported fields removed (each with a warning), always streamed and never stored,
 * reasoning defaults and encrypted reasoning, and a stable `prompt_cache_key`.
 * Tools are left exactly as the client sent them.
 */
export function prepareCodexBody(body: Json, config: CodexConfig, ctx: ConversionContext): Json {
  moveInstructions(body, config.instructions, ctx)
  cleanInput(body, ctx)
  for (const field of config.unsupported_fields) {
    if (!(field in body)) continue
    if (body[field] !== null) warnOnce(ctx, "field_dropped", field, `the ChatGPT backend does not accept "${field}"; removed`)
    delete body[field]
  }
  if (body.store === true) warnOnce(ctx, "value_changed", "store", "the ChatGPT backend only accepts store: false")
  body.store = false
  body.stream = true
  applyReasoning(body, config)
  if (typeof body.prompt_cache_key !== "string" || body.prompt_cache_key === "") body.prompt_cache_key = conversationKey(body)
  return body
}
