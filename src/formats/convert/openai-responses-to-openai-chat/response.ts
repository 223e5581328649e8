import type { ChatAssistantMessage, ChatCompletion, ChatToolCall } from "../../openai-chat/schema"
import type {
  ResponsesFunctionCallItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
  ResponsesResponse,
} from "../../openai-responses/schema"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { mapResponsesFinishReason } from "./map-finish-reason"
import { mapResponsesUsage } from "./map-usage"
import { reasoningDetailsFromItem, reasoningTextOf } from "./reasoning-details"

/** A Responses response object as a Chat completion (one choice). */
export function convertResponsesResponseToChat(raw: unknown, ctx: ConversionContext): ChatCompletion {
  upstreamObjects(upstreamObject(raw, "Responses response").output, "Responses response output")
  const response = raw as ResponsesResponse
  const texts: string[] = []
  const refusals: string[] = []
  const toolCalls: ChatToolCall[] = []
  const reasoning: ResponsesReasoningItem[] = []
  response.output.forEach((item, index) => {
    switch (item.type) {
      case "message":
      case undefined:
        collectMessage(item as ResponsesMessageItem, texts, refusals)
        break
      case "function_call": {
        const call = item as ResponsesFunctionCallItem
        // call_id is what the next turn's tool message must reference (not the fc_ item id).
        toolCalls.push({ id: call.call_id, type: "function", function: { name: call.name, arguments: call.arguments } })
        break
      }
      case "reasoning":
        reasoning.push(item as ResponsesReasoningItem)
        break
      default:
        ctx.warnings.push({
          code: "unsupported",
          path: `output[${index}]`,
          message: `Responses output item type "${item.type}" has no Chat Completions equivalent and was dropped`,
        })
    }
  })
  const message: ChatAssistantMessage = {
    role: "assistant",
    content: texts.length > 0 || toolCalls.length === 0 ? texts.join("") : null,
    refusal: refusals.length > 0 ? refusals.join("") : null,
  }
  if (reasoning.length > 0) {
    message.reasoning_content = reasoningTextOf(reasoning)
    message.reasoning_details = reasoning.flatMap((item, index) => reasoningDetailsFromItem(item, index))
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  const request = (ctx.request ?? {}) as { model?: string }
  const completion: ChatCompletion = {
    id: response.id,
    object: "chat.completion",
    created: response.created_at ?? Math.floor(Date.now() / 1000),
    model: response.model ?? request.model ?? "",
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapResponsesFinishReason(response.status, response.incomplete_details?.reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
  }
  if (response.usage) completion.usage = mapResponsesUsage(response.usage)
  return completion
}

function collectMessage(item: ResponsesMessageItem, texts: string[], refusals: string[]): void {
  if (typeof item.content === "string") {
    texts.push(item.content)
    return
  }
  for (const part of item.content) {
    if (part.type === "output_text") texts.push(part.text)
    else if (part.type === "refusal") refusals.push(part.refusal)
  }
}
