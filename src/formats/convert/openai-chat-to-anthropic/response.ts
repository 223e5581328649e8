import type { AnthropicContentBlock, AnthropicMessagesResponse } from "~/formats/anthropic/schema"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { readReasoningDetails } from "../anthropic-to-openai-chat/reasoning-details"
import { toAnthropicToolUseId } from "../anthropic-to-openai-chat/tool-call-id"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"
import { mapOpenAIFinishReason } from "./map-openai-finish-reason"
import { mapOpenAIUsage } from "./map-openai-usage"
import { messageIdFromChatId } from "./message-id"
import { parseToolArguments } from "./parse-tool-arguments"
import { chatContentToBlocks } from "./request-content"

/** OpenAI chat completion → Anthropic Messages response (first choice). */
export function convertChatResponseToAnthropic(body: unknown, ctx: ConversionContext): AnthropicMessagesResponse {
  const input = upstreamObject(body, "chat completion")
  const choices = upstreamObjects(input.choices, "chat completion choices")
  if (choices.length > 1) warn(ctx, "field_dropped", "choices", "only the first choice is returned")
  const choice = choices[0] ?? {}
  const message = isRecord(choice.message) ? choice.message : {}
  const content: AnthropicContentBlock[] = [...thinkingBlocks(message, ctx)]
  content.push(...chatContentToBlocks(message.content, "choices[0].message.content", ctx))
  const refused = typeof message.refusal === "string" && message.refusal.length > 0
  if (refused) content.push({ type: "text", text: message.refusal as string })
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : []
  toolCalls.forEach((call, i) => {
    if (!isRecord(call) || !isRecord(call.function)) return
    const path = `choices[0].message.tool_calls[${i}].function.arguments`
    content.push({
      type: "tool_use",
      id: toAnthropicToolUseId(String(call.id ?? `call_${i}`)),
      name: String(call.function.name ?? ""),
      input: parseToolArguments(call.function.arguments, path, ctx),
    })
  })
  const hasToolUse = content.some((b) => b.type === "tool_use")
  const finishReason = typeof choice.finish_reason === "string" ? choice.finish_reason : null
  const model = typeof input.model === "string" && input.model ? input.model : requestedModel(ctx)
  return {
    id: messageIdFromChatId(input.id),
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: mapOpenAIFinishReason(finishReason, hasToolUse, refused),
    stop_sequence: null,
    usage: mapOpenAIUsage(input.usage),
  }
}

/** Thinking from reasoning_details (exact), else the bare reasoning text as an unsigned thinking block. */
function thinkingBlocks(message: Record<string, unknown>, ctx: ConversionContext): AnthropicContentBlock[] {
  const { blocks, foreign } = readReasoningDetails(message.reasoning_details, message.thinking_blocks)
  if (blocks.length > 0) return blocks
  const text = [message.reasoning_content, message.reasoning].find((v) => typeof v === "string" && v.length > 0)
  if (typeof text === "string") return [{ type: "thinking", thinking: text, signature: "" }]
  if (foreign > 0) warn(ctx, "unsupported", "choices[0].message.reasoning_details", "reasoning from another provider dropped")
  return []
}

export function requestedModel(ctx: ConversionContext): string {
  const model = isRecord(ctx.request) ? ctx.request.model : undefined
  return typeof model === "string" ? model : "unknown"
}
