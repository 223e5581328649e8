import type { AnthropicMessagesRequest } from "~/formats/anthropic/schema"
import type { ChatCompletionRequest, ChatMessage } from "~/formats/openai-chat/schema"
import { ConversionError } from "../../errors"
import { effortForBudget, effortFromAnthropicEffort } from "../../shared/reasoning-budget"
import type { ConversionContext } from "../../types"
import { mapAnthropicToolChoice } from "./map-anthropic-tool-choice"
import { convertAnthropicMessages } from "./request-messages"
import { convertAnthropicTools } from "./request-tools"
import { systemText } from "./system-text"
import { isRecord, warn } from "./warn"

/** Fields read below, or deliberately not forwarded without a warning. */
const HANDLED = new Set([
  "model", "messages", "system", "max_tokens", "stop_sequences", "temperature", "top_p", "top_k", "stream",
  "tools", "tool_choice", "thinking", "metadata", "output_config", "output_format", "service_tier",
])

/** Anthropic Messages request → OpenAI Chat Completions request. */
export function convertAnthropicRequestToChat(input: unknown, ctx: ConversionContext): ChatCompletionRequest {
  if (!isRecord(input) || !Array.isArray(input.messages)) throw new ConversionError("messages must be an array", "messages")
  const request = input as AnthropicMessagesRequest
  const messages: ChatMessage[] = []
  const system = systemText(request.system)
  if (system.length > 0) messages.push({ role: "system", content: system })
  messages.push(...convertAnthropicMessages(request.messages, ctx))

  const out: ChatCompletionRequest = { model: request.model, messages }
  if (typeof request.max_tokens === "number") out.max_completion_tokens = request.max_tokens
  if (request.stop_sequences?.length) out.stop = request.stop_sequences
  if (typeof request.temperature === "number") out.temperature = request.temperature
  if (typeof request.top_p === "number") out.top_p = request.top_p
  if (request.top_k !== undefined) warn(ctx, "field_dropped", "top_k", "Chat Completions has no top_k")
  if (request.stream === true) {
    out.stream = true
    // The stream back to Anthropic needs real usage in message_delta.
    out.stream_options = { include_usage: true }
  }
  applyTools(request, out, ctx)
  applyReasoning(request, out, ctx)
  applyOutputFormat(request, out)
  const userId = request.metadata?.user_id
  if (typeof userId === "string" && userId.length > 0) out.user = userId
  if (request.service_tier === "auto") out.service_tier = "auto"
  else if (request.service_tier === "standard_only") out.service_tier = "default"
  warnUnhandled(input, ctx)
  if (containsCacheControl(request)) {
    warn(ctx, "field_dropped", "cache_control", "cache_control breakpoints dropped; OpenAI upstreams cache prompts automatically")
  }
  return out
}

function applyTools(request: AnthropicMessagesRequest, out: ChatCompletionRequest, ctx: ConversionContext): void {
  const tools = request.tools ? convertAnthropicTools(request.tools, ctx) : []
  if (tools.length > 0) out.tools = tools
  if (!request.tool_choice) return
  const { toolChoice, parallelToolCalls } = mapAnthropicToolChoice(request.tool_choice)
  if (tools.length === 0 && toolChoice !== "none") {
    warn(ctx, "field_dropped", "tool_choice", "no tool is left to choose from (server tools are dropped); tool_choice omitted")
    return
  }
  out.tool_choice = toolChoice
  if (parallelToolCalls !== undefined && tools.length > 0) out.parallel_tool_calls = parallelToolCalls
}

/** thinking / output_config.effort → reasoning_effort, per the table in shared/reasoning-budget. */
function applyReasoning(request: AnthropicMessagesRequest, out: ChatCompletionRequest, ctx: ConversionContext): void {
  const thinking = request.thinking
  const effort = request.output_config?.effort
  if (effort === "max") warn(ctx, "value_changed", "output_config.effort", 'effort "max" sent as reasoning_effort "high"')
  if (thinking?.type === "enabled") out.reasoning_effort = effortForBudget(thinking.budget_tokens)
  else if (thinking?.type === "adaptive" || effort !== undefined) out.reasoning_effort = effortFromAnthropicEffort(effort)
}

function applyOutputFormat(request: AnthropicMessagesRequest, out: ChatCompletionRequest): void {
  const format = request.output_config?.format ?? request.output_format
  if (format?.type !== "json_schema") return
  out.response_format = { type: "json_schema", json_schema: { name: "output", schema: format.schema, strict: true } }
}

function warnUnhandled(input: Record<string, unknown>, ctx: ConversionContext): void {
  for (const key of Object.keys(input)) {
    if (!HANDLED.has(key) && input[key] !== undefined && input[key] !== null) {
      warn(ctx, "field_dropped", key, `"${key}" has no Chat Completions equivalent; dropped`)
    }
  }
}

function containsCacheControl(request: AnthropicMessagesRequest): boolean {
  const has = (block: unknown) => isRecord(block) && isRecord(block.cache_control)
  if (Array.isArray(request.system) && request.system.some(has)) return true
  if (request.tools?.some(has)) return true
  return request.messages.some(
    (m) => Array.isArray(m.content) && m.content.some((b) => has(b) || (b.type === "tool_result" && Array.isArray(b.content) && b.content.some(has))),
  )
}
