import type { AnthropicContentBlock, AnthropicMessagesResponse } from "../../anthropic/schema"
import { thinkingBlockFromReasoning } from "../../openai-responses/reasoning-carrier"
import type { ResponsesItem, ResponsesReasoningItem, ResponsesResponse } from "../../openai-responses/schema"
import { toAnthropicToolUseId } from "../../shared/tool-call-id"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { mapResponsesStopReason } from "./map-responses-stop-reason"
import { mapResponsesUsageToAnthropic } from "./map-responses-usage"
import { parseFunctionArguments } from "./parse-function-arguments"

/**
 * Responses response → Anthropic message. Blocks keep the output order (reasoning →
 * thinking, message text → text, function_call → tool_use); any function call makes the
 * stop reason `tool_use` (the original always said end_turn and put tools first).
 */
export function convertResponsesResponseToAnthropic(raw: unknown, ctx: ConversionContext): AnthropicMessagesResponse {
  const output = upstreamObjects(upstreamObject(raw, "Responses response").output, "Responses response output") as ResponsesItem[]
  const response = raw as ResponsesResponse
  const content: AnthropicContentBlock[] = []
  let calledTools = false
  output.forEach((item, index) => {
    const path = `output[${index}]`
    switch (item.type) {
      case "reasoning":
        content.push(thinkingBlockFromReasoning(item as ResponsesReasoningItem))
        break
      case "function_call": {
        const call = item as Extract<ResponsesItem, { type: "function_call" }>
        calledTools = true
        content.push({ type: "tool_use", id: toAnthropicToolUseId(call.call_id), name: call.name, input: parseFunctionArguments(call.arguments, path, ctx) })
        break
      }
      case "message":
      case undefined: {
        const message = item as Extract<ResponsesItem, { role: string }>
        const parts = typeof message.content === "string" ? [{ type: "output_text" as const, text: message.content }] : message.content
        parts.forEach((part, partIndex) => {
          if (part.type === "output_text") {
            if (part.annotations && part.annotations.length > 0) {
              ctx.warnings.push({ code: "field_dropped", path: `${path}.content[${partIndex}].annotations`, message: "Responses annotations are not converted to Anthropic citations" })
            }
            content.push({ type: "text", text: part.text })
          } else if (part.type === "refusal") content.push({ type: "text", text: part.refusal })
        })
        break
      }
      default:
        ctx.warnings.push({ code: "unsupported", path, message: `Responses output item "${item.type}" has no Anthropic equivalent; dropped` })
        break
    }
  })
  const request = ctx.request as { model?: string } | undefined
  return {
    id: response.id,
    type: "message",
    role: "assistant",
    model: response.model ?? request?.model ?? "unknown",
    content,
    stop_reason: mapResponsesStopReason(response.status, response.incomplete_details?.reason, calledTools),
    stop_sequence: null,
    usage: mapResponsesUsageToAnthropic(response.usage),
  }
}
