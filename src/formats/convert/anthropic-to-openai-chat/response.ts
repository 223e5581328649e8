import type { AnthropicMessagesResponse } from "~/formats/anthropic/schema"
import type { ChatAssistantMessage } from "~/formats/openai-chat/schema"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { chatIdFromMessageId, nowSeconds } from "./chat-ids"
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason"
import { mapAnthropicUsage, type ChatUsageOut } from "./map-anthropic-usage"
import { splitAssistantBlocks } from "./assistant-blocks"
import { reasoningDetailFromBlock, reasoningTextOf } from "./reasoning-details"
import { isRecord } from "./warn"

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
  const { texts, toolCalls, thinking } = splitAssistantBlocks(response.content, "content", "", ctx)
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
