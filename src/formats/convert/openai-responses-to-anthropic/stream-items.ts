import type { ResponsesItem, ResponsesReasoningItem } from "../../openai-responses/schema"
import { encodeReasoningSignature, summaryText } from "../../openai-responses/reasoning-carrier"
import { toAnthropicToolUseId } from "../../shared/tool-call-id"
import type { SseEvent } from "../../types"
import {
  blockDelta,
  closeBlock,
  closeBlocks,
  emit,
  ensureStarted,
  openBlock,
  warnOnce,
  type ResponsesToAnthropicState,
} from "./stream-state"

/** Item-level events: a function call opens its tool_use block right away; other items open lazily. */
export function onItemAdded(state: ResponsesToAnthropicState, outputIndex: number, item: ResponsesItem, out: SseEvent[]): void {
  ensureStarted(state, out)
  if (item.type === "function_call" && "call_id" in item) {
    state.calledTools = true
    const block = openBlock(
      state,
      `${outputIndex}:tool`,
      { type: "tool_use", id: toAnthropicToolUseId(item.call_id), name: item.name, input: {} },
      out,
    )
    if (item.arguments) blockDelta(block, { type: "input_json_delta", partial_json: item.arguments }, out)
    return
  }
  if (item.type !== "message" && item.type !== "reasoning" && item.type !== undefined) {
    warnOnce(state, `item:${item.type}`, `output[${outputIndex}]`, `Responses output item "${item.type}" has no Anthropic equivalent; dropped`)
  }
}

export function onItemDone(state: ResponsesToAnthropicState, outputIndex: number, item: ResponsesItem, out: SseEvent[]): void {
  if (state.doneItems.has(outputIndex)) return
  state.doneItems.add(outputIndex)
  ensureStarted(state, out)
  switch (item.type) {
    case "reasoning":
      finishReasoning(state, outputIndex, item as ResponsesReasoningItem, out)
      break
    case "function_call":
      finishFunctionCall(state, outputIndex, item as Extract<ResponsesItem, { type: "function_call" }>, out)
      break
    case "message":
    case undefined:
      finishMessage(state, outputIndex, item as Extract<ResponsesItem, { role: string }>, out)
      break
    default:
      warnOnce(state, `item:${item.type}`, `output[${outputIndex}]`, `Responses output item "${item.type}" has no Anthropic equivalent; dropped`)
      break
  }
}

function finishReasoning(state: ResponsesToAnthropicState, outputIndex: number, item: ResponsesReasoningItem, out: SseEvent[]): void {
  const key = `${outputIndex}:thinking`
  const signature = encodeReasoningSignature(item)
  let block = state.blocks.get(key)
  const text = summaryText(item)
  if (!block && text.length === 0) {
    // Nothing readable: the encrypted reasoning still has to come back next turn.
    openBlock(state, key, { type: "redacted_thinking", data: signature }, out)
    closeBlock(state, key, out)
    return
  }
  block ??= openBlock(state, key, { type: "thinking", thinking: "", signature: "" }, out)
  if (!block.streamed && text.length > 0) blockDelta(block, { type: "thinking_delta", thinking: text }, out)
  blockDelta(block, { type: "signature_delta", signature }, out)
  closeBlock(state, key, out)
}

function finishFunctionCall(
  state: ResponsesToAnthropicState,
  outputIndex: number,
  item: Extract<ResponsesItem, { type: "function_call" }>,
  out: SseEvent[],
): void {
  const key = `${outputIndex}:tool`
  let block = state.blocks.get(key)
  if (!block) {
    onItemAdded(state, outputIndex, { ...item, arguments: "" }, out)
    block = state.blocks.get(key)!
  }
  if (!block.streamed && item.arguments) blockDelta(block, { type: "input_json_delta", partial_json: item.arguments }, out)
  closeBlock(state, key, out)
}

function finishMessage(
  state: ResponsesToAnthropicState,
  outputIndex: number,
  item: Extract<ResponsesItem, { role: string }>,
  out: SseEvent[],
): void {
  const parts = Array.isArray(item.content) ? item.content : [{ type: "output_text" as const, text: item.content }]
  parts.forEach((part, contentIndex) => {
    const text = part.type === "output_text" ? part.text : part.type === "refusal" ? part.refusal : undefined
    if (text === undefined) return
    const key = `${outputIndex}:text:${contentIndex}`
    const block = state.blocks.get(key)
    if (block) {
      if (!block.streamed && text) blockDelta(block, { type: "text_delta", text }, out)
      return
    }
    if (!text) return
    const opened = openBlock(state, key, { type: "text", text: "" }, out)
    blockDelta(opened, { type: "text_delta", text }, out)
  })
  closeBlocks(state, `${outputIndex}:`, out)
}

/** Text and refusal deltas go to a text block per content part. */
export function onTextDelta(state: ResponsesToAnthropicState, outputIndex: number, contentIndex: number, text: string, out: SseEvent[]): void {
  if (text.length === 0) return
  const key = `${outputIndex}:text:${contentIndex}`
  const block = state.blocks.get(key) ?? openBlock(state, key, { type: "text", text: "" }, out)
  blockDelta(block, { type: "text_delta", text }, out)
}

/** Summary parts of one reasoning item stream into a single thinking block, a blank line apart. */
export function onThinkingDelta(state: ResponsesToAnthropicState, outputIndex: number, summaryIndex: number, text: string, out: SseEvent[]): void {
  const key = `${outputIndex}:thinking`
  const block = state.blocks.get(key) ?? openBlock(state, key, { type: "thinking", thinking: "", signature: "" }, out)
  if (!block.summaryParts.has(summaryIndex)) {
    if (block.summaryParts.size > 0) blockDelta(block, { type: "thinking_delta", thinking: "\n\n" }, out)
    block.summaryParts.add(summaryIndex)
  }
  if (text.length === 0) return
  block.textParts.add(summaryIndex)
  blockDelta(block, { type: "thinking_delta", thinking: text }, out)
}

/** `reasoning_summary_text.done`: sends the part's text when no delta carried it. */
export function onThinkingPartDone(state: ResponsesToAnthropicState, outputIndex: number, summaryIndex: number, text: string, out: SseEvent[]): void {
  const block = state.blocks.get(`${outputIndex}:thinking`)
  if (block?.textParts.has(summaryIndex)) return
  onThinkingDelta(state, outputIndex, summaryIndex, text, out)
}

export function onArgumentsDelta(state: ResponsesToAnthropicState, outputIndex: number, delta: string, out: SseEvent[]): void {
  const block = state.blocks.get(`${outputIndex}:tool`)
  if (!block || delta.length === 0) return
  blockDelta(block, { type: "input_json_delta", partial_json: delta }, out)
}

export { emit }
