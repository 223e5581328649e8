import type { ChatAssistantMessage, ChatMessage } from "../../openai-chat/schema"
import type {
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"
import { reasoningDetailsFromItem, reasoningTextOf } from "./reasoning-details"
import { convertContentToChat, convertToolOutputToChat } from "./request-content"

/**
 * Responses input items as Chat messages, order kept. One assistant turn is spread over
 * several items (reasoning, message, function calls); consecutive ones are merged into one
 * assistant message as long as the Chat order (reasoning → content → tool_calls) holds.
 * Item ids (`msg_`, `fc_`, `fco_`) have no Chat home and are not needed by a stateless
 * upstream, so they are not carried; `call_id` is.
 */
export function convertInputToMessages(input: readonly ResponsesItem[], warnings: ConversionWarning[]): ChatMessage[] {
  const messages: ChatMessage[] = []
  let assistant: AssistantDraft | undefined
  const flush = () => {
    if (assistant) messages.push(finishAssistant(assistant))
    assistant = undefined
  }
  const startAssistant = (): AssistantDraft => {
    flush()
    assistant = newDraft()
    return assistant
  }
  input.forEach((item, index) => {
    const path = `input[${index}]`
    switch (item.type) {
      case "message":
      case undefined: {
        const message = item as ResponsesMessageItem
        if (message.role === "assistant") {
          const draft = !assistant || assistant.toolCalls.length > 0 ? startAssistant() : assistant
          draft.content.push(convertContentToChat(message.content, `${path}.content`, warnings))
          return
        }
        flush()
        const content = convertContentToChat(message.content, `${path}.content`, warnings)
        messages.push({ role: message.role, content } as ChatMessage)
        return
      }
      case "reasoning": {
        const startsTurn = !assistant || assistant.content.length > 0 || assistant.toolCalls.length > 0
        const draft = startsTurn ? startAssistant() : assistant!
        draft.reasoning.push(item as ResponsesReasoningItem)
        return
      }
      case "function_call": {
        const call = item as ResponsesFunctionCallItem
        const draft = assistant ?? startAssistant()
        draft.toolCalls.push({ id: call.call_id, type: "function", function: { name: call.name, arguments: call.arguments } })
        return
      }
      case "function_call_output": {
        flush()
        const result = item as ResponsesFunctionCallOutputItem
        const content = convertToolOutputToChat(result.output, `${path}.output`, warnings)
        messages.push({ role: "tool", tool_call_id: result.call_id, content })
        return
      }
      default:
        warnings.push({ code: "unsupported", path, message: `input item type "${item.type}" has no Chat Completions equivalent and was dropped` })
    }
  })
  flush()
  return messages
}

interface AssistantDraft {
  reasoning: ResponsesReasoningItem[]
  content: (string | ReturnType<typeof convertContentToChat>)[]
  toolCalls: NonNullable<ChatAssistantMessage["tool_calls"]>
}

function newDraft(): AssistantDraft {
  return { reasoning: [], content: [], toolCalls: [] }
}

function finishAssistant(draft: AssistantDraft): ChatAssistantMessage {
  const message: ChatAssistantMessage = { role: "assistant", content: joinContent(draft.content) }
  if (draft.reasoning.length > 0) {
    message.reasoning_content = reasoningTextOf(draft.reasoning)
    message.reasoning_details = draft.reasoning.flatMap((item, index) => reasoningDetailsFromItem(item, index))
  }
  if (draft.toolCalls.length > 0) message.tool_calls = draft.toolCalls
  return message
}

function joinContent(contents: AssistantDraft["content"]): ChatAssistantMessage["content"] {
  if (contents.length === 0) return null
  if (contents.length === 1) return contents[0]!
  return contents.flatMap((content) => (typeof content === "string" ? [{ type: "text" as const, text: content }] : content))
}
