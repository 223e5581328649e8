import type { AnthropicContentBlock } from "../../anthropic/schema"
import { toResponsesCallId } from "../../shared/tool-call-id"
import type { SseEvent } from "../../types"
import { argumentsOf, convertBlockToItem, itemId } from "./convert-output"
import { emit, warnOnce, type AnthropicToResponsesState, type BlockState } from "./stream-state"

type Block = Record<string, unknown> & { type: string }

/** content_block_start → output_item.added (+ content_part.added for text). */
export function onBlockStart(state: AnthropicToResponsesState, index: number, block: Block, out: SseEvent[]): void {
  const outputIndex = state.output.length
  const open = (kind: BlockState["kind"], prefix: "msg" | "rs" | "fc", item: Record<string, unknown>) => {
    const id = itemId(prefix, state.messageId, outputIndex)
    state.blocks.set(index, { kind, outputIndex, itemId: id, parts: [], signature: "", start: block, summaryStarted: false })
    state.output.push({ ...item, id } as never)
    emit(state, out, { type: "response.output_item.added", output_index: outputIndex, item: { ...item, id } })
    return id
  }
  switch (block.type) {
    case "text": {
      const id = open("text", "msg", { type: "message", status: "in_progress", role: "assistant", content: [] })
      const part = { type: "output_text", text: "", annotations: [] }
      emit(state, out, { type: "response.content_part.added", item_id: id, output_index: outputIndex, content_index: 0, part })
      if (typeof block.text === "string" && block.text) onBlockDelta(state, index, { type: "text_delta", text: block.text }, out)
      return
    }
    case "thinking":
    case "redacted_thinking":
      open("reasoning", "rs", { type: "reasoning", summary: [] })
      if (typeof block.thinking === "string" && block.thinking) onBlockDelta(state, index, { type: "thinking_delta", thinking: block.thinking }, out)
      if (typeof block.signature === "string" && block.signature) state.blocks.get(index)!.signature = block.signature
      return
    case "tool_use":
      open("function_call", "fc", { type: "function_call", status: "in_progress", call_id: toResponsesCallId(String(block.id)), name: block.name, arguments: "" })
      return
    default:
      warnOnce(state, `block:${block.type}`, `content[${index}]`, `Anthropic "${block.type}" block has no Responses equivalent; dropped`)
      return
  }
}

export function onBlockDelta(state: AnthropicToResponsesState, index: number, delta: Record<string, unknown>, out: SseEvent[]): void {
  const open = state.blocks.get(index)
  if (!open) return
  const base = { item_id: open.itemId, output_index: open.outputIndex }
  switch (delta.type) {
    case "text_delta":
      open.parts.push(String(delta.text))
      emit(state, out, { type: "response.output_text.delta", ...base, content_index: 0, delta: String(delta.text), logprobs: [] })
      return
    case "thinking_delta": {
      const text = String(delta.thinking)
      if (!text) return
      if (!open.summaryStarted) {
        open.summaryStarted = true
        emit(state, out, { type: "response.reasoning_summary_part.added", ...base, summary_index: 0, part: { type: "summary_text", text: "" } })
      }
      open.parts.push(text)
      emit(state, out, { type: "response.reasoning_summary_text.delta", ...base, summary_index: 0, delta: text })
      return
    }
    case "signature_delta":
      open.signature += String(delta.signature)
      return
    case "input_json_delta":
      if (!delta.partial_json) return
      open.parts.push(String(delta.partial_json))
      emit(state, out, { type: "response.function_call_arguments.delta", ...base, delta: String(delta.partial_json) })
      return
    default:
      warnOnce(state, `delta:${delta.type}`, `content[${index}]`, `Anthropic "${String(delta.type)}" delta has no Responses equivalent; dropped`)
      return
  }
}

/** content_block_stop → the `.done` events and output_item.done with the finished item. */
export function onBlockStop(state: AnthropicToResponsesState, index: number, out: SseEvent[]): void {
  const open = state.blocks.get(index)
  if (!open) return
  state.blocks.delete(index)
  const base = { item_id: open.itemId, output_index: open.outputIndex }
  const text = open.parts.join("")
  let block: AnthropicContentBlock
  switch (open.kind) {
    case "text":
      emit(state, out, { type: "response.output_text.done", ...base, content_index: 0, text, logprobs: [] })
      emit(state, out, { type: "response.content_part.done", ...base, content_index: 0, part: { type: "output_text", text, annotations: [] } })
      block = { type: "text", text }
      break
    case "reasoning":
      if (open.summaryStarted) {
        emit(state, out, { type: "response.reasoning_summary_text.done", ...base, summary_index: 0, text })
        emit(state, out, { type: "response.reasoning_summary_part.done", ...base, summary_index: 0, part: { type: "summary_text", text } })
      }
      block = open.start.type === "redacted_thinking"
        ? { type: "redacted_thinking", data: String(open.start.data) }
        : { type: "thinking", thinking: text, signature: open.signature }
      break
    case "function_call": {
      const initial = open.start.input
      const args = text || (initial && typeof initial === "object" && Object.keys(initial).length > 0 ? argumentsOf(initial) : "{}")
      emit(state, out, { type: "response.function_call_arguments.done", ...base, arguments: args })
      block = { type: "tool_use", id: String(open.start.id), name: String(open.start.name), input: {} }
      const item = convertBlockToItem(block, state.messageId, open.outputIndex, `content[${index}]`, state.ctx)!
      finishItem(state, open, { ...item, arguments: args }, out)
      return
    }
  }
  finishItem(state, open, convertBlockToItem(block, state.messageId, open.outputIndex, `content[${index}]`, state.ctx)!, out)
}

function finishItem(state: AnthropicToResponsesState, open: BlockState, item: Record<string, unknown>, out: SseEvent[]): void {
  const final = { ...item, id: open.itemId }
  state.output[open.outputIndex] = final as never
  emit(state, out, { type: "response.output_item.done", output_index: open.outputIndex, item: final })
}
