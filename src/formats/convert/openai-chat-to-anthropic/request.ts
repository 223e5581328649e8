import type { AnthropicMessagesRequest, AnthropicTextBlock } from "~/formats/anthropic/schema"
import { ConversionError } from "../../errors"
import type { ConversionContext } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"
import { mapOpenAIToolChoice } from "./map-openai-tool-choice"
import { convertChatMessages } from "./request-messages"
import { convertSampling } from "./request-sampling"
import { convertChatTools } from "./request-tools"

const JSON_OBJECT_INSTRUCTION = "Respond only with a single valid JSON object, with no other text before or after it."

/** Read below, or meaningless for Anthropic (stream_options: Anthropic streams always carry usage). */
const HANDLED = new Set([
  "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p",
  "n", "stop", "tools", "tool_choice", "parallel_tool_calls", "response_format", "reasoning_effort", "user",
  "safety_identifier", "service_tier",
])

/** Defaults that ask for nothing, so dropping them loses nothing. */
function isNeutral(key: string, value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (key === "logprobs" || key === "store") return value === false
  if (key === "presence_penalty" || key === "frequency_penalty") return value === 0
  return false
}

/** OpenAI Chat Completions request → Anthropic Messages request. */
export function convertChatRequestToAnthropic(input: unknown, ctx: ConversionContext): AnthropicMessagesRequest {
  if (!isRecord(input) || !Array.isArray(input.messages)) throw new ConversionError("messages must be an array", "messages")
  if (typeof input.n === "number" && input.n > 1) {
    throw new ConversionError("n > 1 is not supported: Anthropic returns a single choice", "n")
  }
  const { system, messages } = convertChatMessages(input.messages, ctx)
  const out: AnthropicMessagesRequest = { model: String(input.model ?? ""), messages, ...convertSampling(input, ctx) }
  applyResponseFormat(input.response_format, system, out, ctx)
  if (system.length > 0) out.system = system
  const stop = typeof input.stop === "string" ? [input.stop] : Array.isArray(input.stop) ? input.stop.filter((s) => typeof s === "string") : []
  if (stop.length > 0) out.stop_sequences = stop
  if (input.stream === true) out.stream = true
  const tools = Array.isArray(input.tools) ? convertChatTools(input.tools, ctx) : []
  if (tools.length > 0) {
    out.tools = tools
    const parallel = typeof input.parallel_tool_calls === "boolean" ? input.parallel_tool_calls : undefined
    const toolChoice = mapOpenAIToolChoice(input.tool_choice, parallel, ctx)
    if (toolChoice) out.tool_choice = toolChoice
  }
  const user = typeof input.user === "string" && input.user ? input.user : input.safety_identifier
  if (typeof user === "string" && user.length > 0) out.metadata = { user_id: user }
  if (input.service_tier === "auto") out.service_tier = "auto"
  else if (input.service_tier === "default") out.service_tier = "standard_only"
  else if (input.service_tier != null) warn(ctx, "field_dropped", "service_tier", `service_tier ${JSON.stringify(input.service_tier)} has no Anthropic equivalent`)
  for (const [key, value] of Object.entries(input)) {
    if (!HANDLED.has(key) && !isNeutral(key, value)) warn(ctx, "field_dropped", key, `"${key}" has no Anthropic equivalent; dropped`)
  }
  return out
}

/** json_schema → structured outputs (`output_config.format`); json_object has no Anthropic mode, so it becomes an instruction. */
function applyResponseFormat(format: unknown, system: AnthropicTextBlock[], out: AnthropicMessagesRequest, ctx: ConversionContext): void {
  if (!isRecord(format) || format.type === "text") return
  if (format.type === "json_schema" && isRecord(format.json_schema) && isRecord(format.json_schema.schema)) {
    out.output_config = { format: { type: "json_schema", schema: format.json_schema.schema } }
    return
  }
  if (format.type === "json_object") {
    system.push({ type: "text", text: JSON_OBJECT_INSTRUCTION })
    warn(ctx, "value_changed", "response_format", "Anthropic has no JSON mode; json_object sent as a system instruction")
    return
  }
  warn(ctx, "field_dropped", "response_format", `response_format ${JSON.stringify(format.type)} has no Anthropic equivalent`)
}
