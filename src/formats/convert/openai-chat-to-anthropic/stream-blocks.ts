import { ANTHROPIC_REASONING_FORMAT } from "../anthropic-to-openai-chat/reasoning-details"
import { toAnthropicToolUseId } from "../anthropic-to-openai-chat/tool-call-id"
import { isRecord } from "../anthropic-to-openai-chat/warn"
import { blockDeltaEvent, blockStartEvent, blockStopEvent } from "./stream-events"
import type { ChatToAnthropicState, Emit, ToolBlock } from "./stream-state"

/** Streams text, opening a text block first when another kind of block is open. */
export function emitText(state: ChatToAnthropicState, text: string, emit: Emit): void {
  if (state.current?.kind !== "text") {
    closeCurrent(state, emit)
    state.current = { index: state.nextIndex++, kind: "text", streamedText: true }
    emit(blockStartEvent(state.current.index, { type: "text", text: "" }))
  }
  emit(blockDeltaEvent(state.current.index, { type: "text_delta", text }))
}

export function emitThinking(state: ChatToAnthropicState, text: string, emit: Emit): void {
  openThinking(state, emit, true)
  emit(blockDeltaEvent(state.current!.index, { type: "thinking_delta", thinking: text }))
}

/**
 * One `reasoning_details` entry in Anthropic's format: its signature closes the open
 * thinking block; redacted thinking is a block of its own. Other formats are skipped.
 */
export function emitReasoningDetail(state: ChatToAnthropicState, entry: unknown, emit: Emit): boolean {
  if (!isRecord(entry) || (entry.format !== undefined && entry.format !== ANTHROPIC_REASONING_FORMAT)) return false
  if (entry.type === "reasoning.encrypted" && typeof entry.data === "string") {
    closeCurrent(state, emit)
    const index = state.nextIndex++
    emit(blockStartEvent(index, { type: "redacted_thinking", data: entry.data }))
    emit(blockStopEvent(index))
    return true
  }
  if (entry.type !== "reasoning.text") return false
  openThinking(state, emit, false)
  const block = state.current!
  if (!block.streamedText && typeof entry.text === "string" && entry.text.length > 0) {
    emit(blockDeltaEvent(block.index, { type: "thinking_delta", thinking: entry.text }))
  }
  if (typeof entry.signature === "string" && entry.signature.length > 0) {
    emit(blockDeltaEvent(block.index, { type: "signature_delta", signature: entry.signature }))
    closeCurrent(state, emit)
  }
  return true
}

function openThinking(state: ChatToAnthropicState, emit: Emit, streamedText: boolean): void {
  if (state.current?.kind === "thinking") {
    state.current.streamedText ||= streamedText
    return
  }
  closeCurrent(state, emit)
  state.current = { index: state.nextIndex++, kind: "thinking", streamedText }
  emit(blockStartEvent(state.current.index, { type: "thinking", thinking: "", signature: "" }))
}

/**
 * A tool call delta. id and name come with the first delta; argument pieces are streamed
 * as input_json_delta as they arrive. The previous tool block is closed when the next call
 * starts, unless its arguments are still incomplete (calls interleaved by index).
 */
export function emitToolCall(state: ChatToAnthropicState, call: Record<string, unknown>, position: number, emit: Emit): void {
  const key = typeof call.index === "number" ? call.index : position
  const fn = isRecord(call.function) ? call.function : {}
  let tool = state.tools.get(key)
  if (!tool) {
    tool = { index: -1, id: "", name: "", started: false, open: false, args: [] }
    state.tools.set(key, tool)
  }
  if (!tool.id && typeof call.id === "string" && call.id.length > 0) tool.id = call.id
  if (!tool.name && typeof fn.name === "string" && fn.name.length > 0) tool.name = fn.name
  const piece = typeof fn.arguments === "string" ? fn.arguments : ""
  if (!tool.started && tool.name) startTool(state, tool, key, emit)
  if (piece.length === 0) return
  tool.args.push(piece)
  if (tool.open) emit(blockDeltaEvent(tool.index, { type: "input_json_delta", partial_json: piece }))
}

function startTool(state: ChatToAnthropicState, tool: ToolBlock, key: number, emit: Emit): void {
  closeCurrent(state, emit)
  const previous = state.lastTool
  if (previous?.open && isCompleteJson(previous.args.join(""))) closeTool(previous, emit)
  tool.started = true
  tool.open = true
  tool.index = state.nextIndex++
  const id = toAnthropicToolUseId(tool.id || `call_${key}`)
  emit(blockStartEvent(tool.index, { type: "tool_use", id, name: tool.name, input: {} }))
  // Pieces that arrived before the name did.
  for (const piece of tool.args) emit(blockDeltaEvent(tool.index, { type: "input_json_delta", partial_json: piece }))
  state.lastTool = tool
}

function closeTool(tool: ToolBlock, emit: Emit): void {
  tool.open = false
  tool.args = []
  emit(blockStopEvent(tool.index))
}

export function closeCurrent(state: ChatToAnthropicState, emit: Emit): void {
  if (!state.current) return
  emit(blockStopEvent(state.current.index))
  state.current = undefined
}

/** Closes everything still open, starting nameless tool calls so their arguments are not lost. */
export function closeAll(state: ChatToAnthropicState, emit: Emit): void {
  closeCurrent(state, emit)
  for (const [key, tool] of state.tools) {
    if (!tool.started) startTool(state, tool, key, emit)
  }
  const open = [...state.tools.values()].filter((t) => t.open).sort((a, b) => a.index - b.index)
  for (const tool of open) closeTool(tool, emit)
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
