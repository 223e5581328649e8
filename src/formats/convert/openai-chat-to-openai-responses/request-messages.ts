import type { ChatAssistantMessage, ChatMessage } from "../../openai-chat/schema"
import type { ResponsesItem } from "../../openai-responses/schema"
import { toResponsesCallId } from "../../shared/tool-call-id"
import type { ConversionWarning } from "../../types"
import { foreignReasoningWarning, reasoningItemsFromDetails } from "../openai-responses-to-openai-chat/reasoning-details"
import { convertContentToResponses, convertToolContentToResponses } from "./request-content"

/**
 * Chat messages as Responses input items, order kept. System and developer messages stay
 * input items of their role (moving them to `instructions` is a provider decision).
 * An assistant message becomes its reasoning items, a message item, then one function_call
 * per tool call; tool messages become function_call_output items.
 */
export function convertMessagesToInput(messages: readonly ChatMessage[], warnings: ConversionWarning[]): ResponsesItem[] {
  const items: ResponsesItem[] = []
  messages.forEach((message, index) => {
    const path = `messages[${index}]`
    switch (message.role) {
      case "system":
      case "developer":
      case "user":
        items.push({
          type: "message",
          role: message.role,
          content: convertContentToResponses(message.content, "input_text", `${path}.content`, warnings),
        })
        return
      case "assistant":
        items.push(...convertAssistant(message, path, warnings))
        return
      case "tool":
        items.push({
          type: "function_call_output",
          call_id: toResponsesCallId(message.tool_call_id),
          output: convertToolContentToResponses(message.content, `${path}.content`, warnings),
        })
        return
      default:
        warnings.push({
          code: "unsupported",
          path,
          message: `role "${(message as { role: string }).role}" (legacy function calling) has no Responses equivalent and was dropped`,
        })
    }
  })
  return items
}

function convertAssistant(message: ChatAssistantMessage, path: string, warnings: ConversionWarning[]): ResponsesItem[] {
  const items: ResponsesItem[] = []
  if (message.reasoning_details?.length) {
    const { items: reasoning, foreign } = reasoningItemsFromDetails(message.reasoning_details)
    items.push(...reasoning)
    if (foreign > 0) warnings.push(foreignReasoningWarning(`${path}.reasoning_details`))
  } else if (message.reasoning_content) {
    warnings.push({
      code: "field_dropped",
      path: `${path}.reasoning_content`,
      message: "reasoning text without reasoning_details cannot be replayed to the Responses API",
    })
  }
  const content = message.content == null || message.content === "" ? [] : convertContentToResponses(message.content, "output_text", `${path}.content`, warnings)
  if (message.refusal) content.push({ type: "refusal", refusal: message.refusal })
  if (content.length > 0) items.push({ type: "message", role: "assistant", content })
  for (const call of message.tool_calls ?? []) {
    items.push({
      type: "function_call",
      call_id: toResponsesCallId(call.id),
      name: call.function.name,
      arguments: call.function.arguments,
    })
  }
  if (message.function_call) {
    warnings.push({ code: "unsupported", path: `${path}.function_call`, message: "legacy function_call has no Responses equivalent and was dropped" })
  }
  return items
}
