import type { AnthropicMessagesResponse } from "~/formats/anthropic/schema"
import type { ChatAssistantMessage, ChatToolCall } from "~/formats/openai-chat/schema"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { chatIdFromMessageId, nowSeconds } from "./chat-ids"
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason"
import { mapAnthropicUsage, type ChatUsageOut } from "./map-anthropic-usage"
import { reasoningDetailFromBlock, reasoningTextOf, type ThinkingBlockEntry } from "./reasoning-details"
import { toOpenAIToolCallId } from "./tool-call-id"
import { isRecord, warn } from "./warn"

export interface ChatCompletionOut {
  id: string
  object: "chat.completion"
  created: number
  model: string
  choices: { index: 0; message: ChatAssistantMessage; finish_reason: string; logprobs: null }[]
  usage: ChatUsageOut
}

/** Anthropic Messages response → Chat completion (thinking kept as described in thinking-blocks.ts). */
export function convertAnthropicResponseToChat(input: unknown, ctx: ConversionContext): ChatCompletionOut {
  upstreamObjects(upstreamObject(input, "Anthropic response").content, "Anthropic response content")
  const response = input as AnthropicMessagesResponse
  const texts: string[] = []
  const toolCalls: ChatToolCall[] = []
  const thinking: ThinkingBlockEntry[] = []
  response.content.forEach((block, i) => {
    switch (block.type) {
      case "text":
        texts.push(block.text)
        break
      case "tool_use":
        toolCalls.push({
          id: toOpenAIToolCallId(block.id),
          type: "function",
          function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
        })
        break
      case "thinking":
        thinking.push({ type: "thinking", thinking: block.thinking, signature: block.signature })
        break
      case "redacted_thinking":
        thinking.push({ type: "redacted_thinking", data: block.data })
        break
      default:
        warn(ctx, "unsupported", `content[${i}]`, `"${block.type}" block has no Chat Completions equivalent; dropped`)
    }
  })
  const message: ChatAssistantMessage = { role: "assistant", content: texts.length > 0 ? texts.join("") : null, refusal: null }
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  if (thinking.length > 0) {
    message.reasoning_content = reasoningTextOf(thinking)
    message.reasoning_details = thinking.map(reasoningDetailFromBlock)
  }
  const model = typeof response.model === "string" ? response.model : requestedModel(ctx)
  return {
    id: chatIdFromMessageId(response.id),
    object: "chat.completion",
    created: nowSeconds(),
    model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapAnthropicStopReason(response.stop_reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: mapAnthropicUsage(response.usage),
  }
}

export function requestedModel(ctx: ConversionContext): string {
  const model = isRecord(ctx.request) ? ctx.request.model : undefined
  return typeof model === "string" ? model : "unknown"
}
