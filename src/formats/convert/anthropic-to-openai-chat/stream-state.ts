import type { AnthropicBlockDelta, AnthropicContentBlock, AnthropicUsage } from "~/formats/anthropic/schema"
import { chatErrorChunk } from "../../shared/stream-failure"
import { DONE_EVENT, jsonEvent } from "../../sse/encode"
import type { ConversionContext, SseEvent } from "../../types"
import { mapAnthropicErrorType } from "./map-anthropic-error-type"
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason"
import { mapAnthropicUsage } from "./map-anthropic-usage"
import { reasoningDetailFromBlock } from "./reasoning-details"
import { deltaChunk, usageChunk, type ChunkIdentity } from "./stream-chunks"
import { toOpenAIToolCallId } from "./tool-call-id"
import { isRecord, warn } from "./warn"

interface BlockState {
  kind: "text" | "thinking" | "tool" | "other"
  toolIndex: number
  /** Thinking text pieces, joined once at the block's end. */
  thinking: string[]
  signature: string
  argumentsSent: boolean
}

/** Everything the Anthropic → Chat stream step needs to remember. */
export interface AnthropicToChatState extends ChunkIdentity {
  includeUsage: boolean
  started: boolean
  finished: boolean
  blocks: Map<number, BlockState>
  toolCount: number
  /** Thinking and redacted blocks seen so far: the `index` of their reasoning_details entry. */
  reasoningCount: number
  stopReason: string | null
  usage: Partial<AnthropicUsage>
  warned: Set<string>
}

export function createAnthropicToChatState(ctx: ConversionContext, created: number): AnthropicToChatState {
  const request = isRecord(ctx.request) ? ctx.request : {}
  const streamOptions = isRecord(request.stream_options) ? request.stream_options : {}
  return {
    id: "chatcmpl-ccproxy",
    created,
    model: typeof request.model === "string" ? request.model : "unknown",
    includeUsage: streamOptions.include_usage === true,
    started: false,
    finished: false,
    blocks: new Map(),
    toolCount: 0,
    reasoningCount: 0,
    stopReason: null,
    usage: {},
    warned: new Set(),
  }
}

/** Feeds one Anthropic SSE event; returns the Chat chunks it produces. */
export function stepAnthropicToChat(state: AnthropicToChatState, event: SseEvent, ctx: ConversionContext): SseEvent[] {
  if (state.finished || event.data === "[DONE]") return []
  let data: unknown
  try {
    data = JSON.parse(event.data)
  } catch {
    return fail(state, `upstream sent invalid JSON: ${event.data.slice(0, 200)}`, "api_error")
  }
  if (!isRecord(data)) return fail(state, "upstream sent a non-object event", "api_error")
  if (event.event === "error" || data.type === "error") {
    const error = isRecord(data.error) ? data.error : {}
    const message = typeof error.message === "string" ? error.message : "upstream stream error"
    return fail(state, message, mapAnthropicErrorType(typeof error.type === "string" ? error.type : undefined, 500))
  }
  switch (data.type) {
    case "message_start":
      return onMessageStart(state, data.message)
    case "content_block_start":
      return [...ensureStarted(state), ...onBlockStart(state, data.index as number, data.content_block as AnthropicContentBlock, ctx)]
    case "content_block_delta":
      return [...ensureStarted(state), ...onBlockDelta(state, data.index as number, data.delta as AnthropicBlockDelta, ctx)]
    case "content_block_stop":
      return onBlockStop(state, data.index as number)
    case "message_delta":
      onMessageDelta(state, data)
      return []
    case "message_stop":
      return [...ensureStarted(state), ...finish(state)]
    case "ping":
      return []
    default:
      warnOnce(state, ctx, `event:${String(data.type)}`, "stream", `unknown Anthropic event "${String(data.type)}" ignored`)
      return []
  }
}

/** The end of the upstream stream: a stream cut before message_stop is reported, never passed off as complete. */
export function endAnthropicToChat(state: AnthropicToChatState, reason?: string): SseEvent[] {
  if (state.finished) return []
  return fail(state, reason ?? "upstream stream ended before message_stop", "api_error")
}

function onMessageStart(state: AnthropicToChatState, message: unknown): SseEvent[] {
  if (isRecord(message)) {
    if (typeof message.id === "string" && message.id.length > 0) state.id = `chatcmpl-${message.id}`
    if (typeof message.model === "string" && message.model.length > 0) state.model = message.model
    if (isRecord(message.usage)) Object.assign(state.usage, message.usage)
  }
  return ensureStarted(state)
}

function ensureStarted(state: AnthropicToChatState): SseEvent[] {
  if (state.started) return []
  state.started = true
  return [deltaChunk(state, { role: "assistant", content: "" })]
}

function onBlockStart(state: AnthropicToChatState, index: number, block: AnthropicContentBlock, ctx: ConversionContext): SseEvent[] {
  const blockState: BlockState = { kind: "other", toolIndex: -1, thinking: [], signature: "", argumentsSent: false }
  state.blocks.set(index, blockState)
  switch (block?.type) {
    case "text":
      blockState.kind = "text"
      return block.text ? [deltaChunk(state, { content: block.text })] : []
    case "thinking":
      blockState.kind = "thinking"
      blockState.signature = block.signature ?? ""
      if (!block.thinking) return []
      blockState.thinking.push(block.thinking)
      return [deltaChunk(state, { reasoning_content: block.thinking })]
    case "redacted_thinking":
      return [deltaChunk(state, { reasoning_details: [reasoningDetailFromBlock(block, state.reasoningCount++)] })]
    case "tool_use": {
      blockState.kind = "tool"
      blockState.toolIndex = state.toolCount++
      const input = isRecord(block.input) && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : ""
      blockState.argumentsSent = input.length > 0
      const call = { index: blockState.toolIndex, id: toOpenAIToolCallId(block.id), type: "function", function: { name: block.name, arguments: input } }
      return [deltaChunk(state, { tool_calls: [call] })]
    }
    default:
      warnOnce(state, ctx, `block:${block?.type}`, `content[${index}]`, `"${block?.type}" block has no Chat Completions equivalent; dropped`)
      return []
  }
}

function onBlockDelta(state: AnthropicToChatState, index: number, delta: AnthropicBlockDelta, ctx: ConversionContext): SseEvent[] {
  let block = state.blocks.get(index)
  if (!block && (delta?.type === "text_delta" || delta?.type === "thinking_delta")) {
    block = { kind: delta.type === "text_delta" ? "text" : "thinking", toolIndex: -1, thinking: [], signature: "", argumentsSent: false }
    state.blocks.set(index, block)
  }
  if (!block || block.kind === "other") return []
  switch (delta.type) {
    case "text_delta":
      return delta.text ? [deltaChunk(state, { content: delta.text })] : []
    case "thinking_delta":
      if (!delta.thinking) return []
      block.thinking.push(delta.thinking)
      return [deltaChunk(state, { reasoning_content: delta.thinking })]
    case "signature_delta":
      block.signature += delta.signature
      return []
    case "input_json_delta":
      if (block.kind !== "tool" || !delta.partial_json) return []
      block.argumentsSent = true
      return [deltaChunk(state, { tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] })]
    case "citations_delta":
      warnOnce(state, ctx, "citations", `content[${index}]`, "citations have no Chat Completions equivalent; dropped")
      return []
    default:
      warnOnce(state, ctx, `delta:${String((delta as { type?: unknown })?.type)}`, `content[${index}]`, "unknown delta type ignored")
      return []
  }
}

function onBlockStop(state: AnthropicToChatState, index: number): SseEvent[] {
  const block = state.blocks.get(index)
  if (!block) return []
  if (block.kind === "thinking") {
    const entry = { type: "thinking" as const, thinking: block.thinking.join(""), signature: block.signature }
    block.thinking = []
    return [deltaChunk(state, { reasoning_details: [reasoningDetailFromBlock(entry, state.reasoningCount++)] })]
  }
  if (block.kind === "tool" && !block.argumentsSent) {
    block.argumentsSent = true
    return [deltaChunk(state, { tool_calls: [{ index: block.toolIndex, function: { arguments: "{}" } }] })]
  }
  return []
}

function onMessageDelta(state: AnthropicToChatState, data: Record<string, unknown>): void {
  const delta = isRecord(data.delta) ? data.delta : {}
  if (typeof delta.stop_reason === "string") state.stopReason = delta.stop_reason
  if (!isRecord(data.usage)) return
  for (const [key, value] of Object.entries(data.usage)) {
    if (value !== null && value !== undefined) (state.usage as Record<string, unknown>)[key] = value
  }
}

function finish(state: AnthropicToChatState): SseEvent[] {
  state.finished = true
  const events = [deltaChunk(state, {}, mapAnthropicStopReason(state.stopReason, state.toolCount > 0))]
  if (state.includeUsage) events.push(usageChunk(state, mapAnthropicUsage(state.usage)))
  events.push(DONE_EVENT)
  return events
}

function fail(state: AnthropicToChatState, message: string, type: string): SseEvent[] {
  state.finished = true
  return [jsonEvent(chatErrorChunk({ message, type })), DONE_EVENT]
}

function warnOnce(state: AnthropicToChatState, ctx: ConversionContext, key: string, path: string, message: string): void {
  if (state.warned.has(key)) return
  state.warned.add(key)
  warn(ctx, "unsupported", path, message)
}
