import type { ChatCompletionChunk } from "../../openai-chat/schema"
import type {
  ResponsesFunctionCallItem,
  ResponsesItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from "../../openai-responses/schema"
import { reasoningDetailsFromItem, reasoningTextOf } from "./reasoning-details"
import { deltaChunk, type ResponsesToChatStreamState } from "./stream-state"

/** `response.output_item.added`: only function calls need a chunk now (their id and name). */
export function onItemAdded(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesItem): ChatCompletionChunk[] {
  switch (item.type) {
    case "function_call":
      return startToolCall(state, outputIndex, item as ResponsesFunctionCallItem)
    case "message":
    case "reasoning":
    case undefined:
      return []
    default:
      warnItemType(state, item.type)
      return []
  }
}

/**
 * `response.output_item.done`: emits whatever the deltas did not already carry, so minimal
 * streams (created → item.done → completed, as the Codex backend may send) lose nothing.
 */
export function onItemDone(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesItem): ChatCompletionChunk[] {
  if (state.doneItems.has(outputIndex)) return []
  state.doneItems.add(outputIndex)
  switch (item.type) {
    case "function_call":
      return finishToolCall(state, outputIndex, item as ResponsesFunctionCallItem)
    case "message":
    case undefined:
      return finishMessage(state, outputIndex, item as ResponsesMessageItem)
    case "reasoning":
      return finishReasoning(state, outputIndex, item as ResponsesReasoningItem)
    default:
      warnItemType(state, item.type)
      return []
  }
}

export function argumentsChunk(state: ResponsesToChatStreamState, outputIndex: number, args: string): ChatCompletionChunk[] {
  const call = state.toolCalls.get(outputIndex)
  if (!call || args.length === 0) return []
  call.argumentsSent = true
  return [deltaChunk(state, { tool_calls: [{ index: call.index, function: { arguments: args } }] })]
}

/** The `reasoning_content` delta for a new piece of text; parts are separated by a blank line. */
export function reasoningChunk(state: ResponsesToChatStreamState, partKey: string, text: string): ChatCompletionChunk[] {
  if (text.length === 0) return []
  const separator = state.lastReasoningPart !== undefined && state.lastReasoningPart !== partKey ? "\n\n" : ""
  state.lastReasoningPart = partKey
  return [deltaChunk(state, { reasoning_content: separator + text })]
}

function startToolCall(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesFunctionCallItem) {
  const index = state.toolCalls.size
  state.toolCalls.set(outputIndex, { index, argumentsSent: false })
  const first = deltaChunk(state, {
    tool_calls: [{ index, id: item.call_id, type: "function", function: { name: item.name, arguments: "" } }],
  })
  return [first, ...argumentsChunk(state, outputIndex, item.arguments ?? "")]
}

function finishToolCall(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesFunctionCallItem) {
  const call = state.toolCalls.get(outputIndex)
  if (!call) return startToolCall(state, outputIndex, item)
  return call.argumentsSent ? [] : argumentsChunk(state, outputIndex, item.arguments ?? "")
}

function finishMessage(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesMessageItem) {
  if (state.textStreamed.has(outputIndex)) return []
  if (typeof item.content === "string") return item.content.length > 0 ? [deltaChunk(state, { content: item.content })] : []
  const chunks: ChatCompletionChunk[] = []
  for (const part of item.content ?? []) {
    if (part.type === "output_text" && part.text.length > 0) chunks.push(deltaChunk(state, { content: part.text }))
    if (part.type === "refusal" && part.refusal.length > 0) chunks.push(deltaChunk(state, { refusal: part.refusal }))
  }
  return chunks
}

function finishReasoning(state: ResponsesToChatStreamState, outputIndex: number, item: ResponsesReasoningItem) {
  const chunks = state.reasoningStreamed.has(outputIndex) ? [] : reasoningChunk(state, `${outputIndex}:done`, reasoningTextOf([item]))
  const details = reasoningDetailsFromItem(item, state.reasoningItemCount++)
  chunks.push(deltaChunk(state, { reasoning_details: details }))
  return chunks
}

function warnItemType(state: ResponsesToChatStreamState, type: string): void {
  const key = `item:${type}`
  if (state.warnedEventTypes.has(key)) return
  state.warnedEventTypes.add(key)
  state.warnings.push({
    code: "unsupported",
    path: `output[type=${type}]`,
    message: `Responses output item type "${type}" has no Chat Completions equivalent and was dropped`,
  })
}
