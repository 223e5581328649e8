import { createHash } from "node:crypto"
import type { AnthropicMessagesRequest } from "../../anthropic/schema"
import type { ResponsesRequest, ResponsesTextFormat } from "../../openai-responses/schema"
import { ConversionError } from "../../errors"
import type { ConversionContext } from "../../types"
import { convertMessages } from "./convert-messages"
import { systemText } from "./convert-system"
import { convertTools } from "./convert-tools"
import { mapAnthropicToolChoice } from "./map-anthropic-tool-choice"
import { mapThinkingToReasoning } from "./map-thinking-to-reasoning"

const HANDLED = new Set([
  "model", "messages", "max_tokens", "system", "stop_sequences", "temperature", "top_p", "top_k", "stream",
  "tools", "tool_choice", "thinking", "metadata", "output_config", "output_format", "service_tier",
])

/** Anthropic Messages request → OpenAI Responses request (Claude Code against the Codex backend). */
export function convertAnthropicRequestToResponses(raw: unknown, ctx: ConversionContext): ResponsesRequest {
  const request = raw as AnthropicMessagesRequest
  if (typeof request !== "object" || request === null || !Array.isArray(request.messages)) {
    throw new ConversionError("messages: an array is required", "messages")
  }
  const input = convertMessages(request.messages, ctx)
  const out: ResponsesRequest = { model: request.model, input }
  const instructions = systemText(request.system)
  if (instructions !== undefined) out.instructions = instructions
  if (request.max_tokens !== undefined) out.max_output_tokens = request.max_tokens
  if (request.temperature !== undefined) out.temperature = request.temperature
  if (request.top_p !== undefined) out.top_p = request.top_p
  if (request.stream !== undefined) out.stream = request.stream
  mapTools(request, out, ctx)
  mapReasoning(request, out)
  const format = request.output_config?.format ?? request.output_format
  if (format?.type === "json_schema") {
    const textFormat: ResponsesTextFormat = { type: "json_schema", name: "response", schema: format.schema, strict: true }
    out.text = { format: textFormat }
  }
  const userId = request.metadata?.user_id
  if (typeof userId === "string" && userId.length > 0) out.safety_identifier = safetyIdentifier(userId, ctx)
  mapServiceTier(request, out, ctx)
  warnDropped(request, ctx)
  return out
}

/** `tool_choice` only goes out with tools: the Responses API rejects `"required"` or a named choice without them. */
function mapTools(request: AnthropicMessagesRequest, out: ResponsesRequest, ctx: ConversionContext): void {
  const tools = request.tools ? convertTools(request.tools, ctx) : []
  if (tools.length > 0) out.tools = tools
  if (!request.tool_choice) return
  const choice = mapAnthropicToolChoice(request.tool_choice)
  if (tools.length === 0) {
    if (choice === "none") out.tool_choice = choice
    else ctx.warnings.push({ code: "field_dropped", path: "tool_choice", message: "no tool is left to choose from (server tools are dropped); tool_choice omitted" })
    return
  }
  out.tool_choice = choice
  if (request.tool_choice.disable_parallel_tool_use !== undefined) {
    out.parallel_tool_calls = !request.tool_choice.disable_parallel_tool_use
  }
}

function mapReasoning(request: AnthropicMessagesRequest, out: ResponsesRequest): void {
  const reasoning = mapThinkingToReasoning(request)
  if (reasoning) out.reasoning = reasoning
  const hasReasoningHistory = out.input !== undefined && typeof out.input !== "string" && out.input.some((item) => item.type === "reasoning")
  // Stateless upstreams (store:false) only return reasoning for the next turn when asked.
  if (reasoning || hasReasoningHistory) out.include = ["reasoning.encrypted_content"]
}

/** OpenAI caps `safety_identifier` at 64 chars; Claude Code's user_id (a JSON string) is longer, so it is hashed. */
function safetyIdentifier(userId: string, ctx: ConversionContext): string {
  if (userId.length <= 64) return userId
  ctx.warnings.push({ code: "value_changed", path: "metadata.user_id", message: "user_id longer than 64 chars sent as its SHA-256 in safety_identifier" })
  return createHash("sha256").update(userId).digest("hex")
}

function mapServiceTier(request: AnthropicMessagesRequest, out: ResponsesRequest, ctx: ConversionContext): void {
  if (request.service_tier === undefined) return
  if (request.service_tier === "auto") out.service_tier = "auto"
  else if (request.service_tier === "standard_only") out.service_tier = "default"
  else ctx.warnings.push({ code: "field_dropped", path: "service_tier", message: `service_tier "${request.service_tier}" has no Responses equivalent` })
}

function warnDropped(request: AnthropicMessagesRequest, ctx: ConversionContext): void {
  if (request.stop_sequences && request.stop_sequences.length > 0) {
    ctx.warnings.push({ code: "field_dropped", path: "stop_sequences", message: "the Responses API has no stop sequences" })
  }
  if (request.top_k !== undefined) ctx.warnings.push({ code: "field_dropped", path: "top_k", message: "the Responses API has no top_k" })
  for (const key of Object.keys(request)) {
    if (!HANDLED.has(key)) ctx.warnings.push({ code: "field_dropped", path: key, message: `"${key}" has no Responses equivalent` })
  }
}
