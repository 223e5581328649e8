import type { AnthropicMessagesRequest } from "../../anthropic/schema"
import { ConversionError } from "../../errors"
import type { ResponsesRequest } from "../../openai-responses/schema"
import { DEFAULT_MAX_TOKENS, defaultMaxTokensWarning } from "../../shared/default-max-tokens"
import type { ConversionContext } from "../../types"
import { convertInput } from "./convert-input"
import { convertTools } from "./convert-tools"
import { mapReasoningToThinking } from "./map-reasoning-to-thinking"
import { mapResponsesToolChoice } from "./map-responses-tool-choice"

const JSON_OBJECT_INSTRUCTION = "Respond only with a valid JSON object. Do not wrap it in markdown or add any other text."

/** Accepted without effect: store/include are honoured by the stateless reasoning carriers, the rest are hints. */
const SILENT = new Set(["store", "include", "prompt_cache_key", "stream_options", "truncation"])
const HANDLED = new Set([
  "model", "input", "instructions", "max_output_tokens", "temperature", "top_p", "stream", "tools", "tool_choice",
  "parallel_tool_calls", "reasoning", "text", "user", "safety_identifier", "service_tier", "previous_response_id",
])

/** OpenAI Responses request → Anthropic Messages request (Codex CLI against Claude). */
export function convertResponsesRequestToAnthropic(raw: unknown, ctx: ConversionContext): AnthropicMessagesRequest {
  const request = raw as ResponsesRequest
  if (typeof request !== "object" || request === null) throw new ConversionError("request body must be a JSON object")
  if (request.previous_response_id) {
    throw new ConversionError("previous_response_id is not supported: send the full conversation in input", "previous_response_id")
  }
  const { system, messages } = convertInput(request.input ?? [], ctx)
  if (request.instructions) system.unshift({ type: "text", text: request.instructions })
  const maxTokens = request.max_output_tokens ?? DEFAULT_MAX_TOKENS
  if (request.max_output_tokens == null) ctx.warnings.push(defaultMaxTokensWarning("max_output_tokens"))
  const out: AnthropicMessagesRequest = { model: request.model, messages, max_tokens: maxTokens }
  const thinking = mapReasoningToThinking(request.reasoning, maxTokens, ctx)
  if (thinking) out.thinking = thinking
  mapSampling(request, out, ctx)
  if (request.stream != null) out.stream = request.stream
  mapTools(request, out, ctx)
  mapTextFormat(request, system, out, ctx)
  if (system.length > 0) out.system = system
  const user = request.safety_identifier ?? request.user
  if (user) out.metadata = { user_id: user }
  if (request.service_tier === "auto") out.service_tier = "auto"
  else if (request.service_tier === "default") out.service_tier = "standard_only"
  else if (request.service_tier) ctx.warnings.push({ code: "field_dropped", path: "service_tier", message: `service_tier "${request.service_tier}" has no Anthropic equivalent` })
  for (const key of Object.keys(request)) {
    if (!HANDLED.has(key) && !SILENT.has(key)) ctx.warnings.push({ code: "field_dropped", path: key, message: `"${key}" has no Anthropic equivalent` })
  }
  return out
}

/** Anthropic: temperature 0..1, not with thinking, and not together with top_p. */
function mapSampling(request: ResponsesRequest, out: AnthropicMessagesRequest, ctx: ConversionContext): void {
  const temperature = request.temperature ?? undefined
  const topP = request.top_p ?? undefined
  if (out.thinking && (temperature !== undefined || topP !== undefined)) {
    if (temperature !== undefined && temperature !== 1) ctx.warnings.push({ code: "field_dropped", path: "temperature", message: "Anthropic rejects temperature with extended thinking" })
    if (topP !== undefined && topP !== 1) ctx.warnings.push({ code: "field_dropped", path: "top_p", message: "Anthropic rejects top_p with extended thinking" })
    return
  }
  if (temperature !== undefined) {
    out.temperature = Math.min(1, Math.max(0, temperature))
    if (out.temperature !== temperature) ctx.warnings.push({ code: "value_clamped", path: "temperature", message: `temperature ${temperature} clamped to Anthropic's 0..1` })
  }
  if (topP !== undefined) {
    if (temperature !== undefined) ctx.warnings.push({ code: "field_dropped", path: "top_p", message: "Anthropic accepts temperature or top_p, not both; top_p dropped" })
    else out.top_p = topP
  }
}

function mapTools(request: ResponsesRequest, out: AnthropicMessagesRequest, ctx: ConversionContext): void {
  const tools = request.tools ? convertTools(request.tools, ctx) : []
  if (tools.length === 0) return
  out.tools = tools
  const choice = request.tool_choice !== undefined ? mapResponsesToolChoice(request.tool_choice, ctx) : undefined
  if (request.parallel_tool_calls !== false) {
    if (choice) out.tool_choice = choice
    return
  }
  const serial = choice ?? { type: "auto" }
  // Anthropic accepts disable_parallel_tool_use on auto/any/tool only; with none no tool runs anyway.
  out.tool_choice = serial.type === "none" ? serial : { ...serial, disable_parallel_tool_use: true }
}

function mapTextFormat(request: ResponsesRequest, system: { type: "text"; text: string }[], out: AnthropicMessagesRequest, ctx: ConversionContext): void {
  const format = request.text?.format
  if (request.text?.verbosity !== undefined) ctx.warnings.push({ code: "field_dropped", path: "text.verbosity", message: "Anthropic has no verbosity setting" })
  if (!format || format.type === "text") return
  if (format.type === "json_schema" && "schema" in format) {
    out.output_config = { ...out.output_config, format: { type: "json_schema", schema: format.schema } }
    return
  }
  ctx.warnings.push({ code: "value_changed", path: "text.format", message: "json_object mode has no Anthropic equivalent; asked for JSON in the system prompt" })
  system.push({ type: "text", text: JSON_OBJECT_INSTRUCTION })
}
