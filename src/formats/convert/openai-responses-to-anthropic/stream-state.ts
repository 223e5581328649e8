import type { AnthropicBlockDelta, AnthropicContentBlock } from "../../anthropic/schema"
import { jsonEvent } from "../../sse/encode"
import type { ConversionContext, SseEvent } from "../../types"

/** One Anthropic content block being streamed, keyed by the Responses item (and part). */
export interface OpenBlock {
  index: number
  kind: "text" | "thinking" | "tool_use"
  /** Whether any delta was sent: if not, the `.done` event's full value is sent instead. */
  streamed: boolean
  /** Thinking: summary parts already started, to put a blank line between them. */
  summaryParts: Set<number>
  /** Thinking: summary parts that received text. */
  textParts: Set<number>
}

export interface ResponsesToAnthropicState {
  ctx: ConversionContext
  started: boolean
  finished: boolean
  nextIndex: number
  blocks: Map<string, OpenBlock>
  /** Output indexes whose item was fully emitted (output_item.done). */
  doneItems: Set<number>
  calledTools: boolean
  messageId: string
  model: string
  warnedTypes: Set<string>
}

export function createState(ctx: ConversionContext): ResponsesToAnthropicState {
  const request = ctx.request as { model?: unknown } | undefined
  return {
    ctx,
    started: false,
    finished: false,
    nextIndex: 0,
    blocks: new Map(),
    doneItems: new Set(),
    calledTools: false,
    messageId: "msg_ccproxy",
    model: typeof request?.model === "string" ? request.model : "unknown",
    warnedTypes: new Set(),
  }
}

export const emit = (value: { type: string; [key: string]: unknown }): SseEvent => jsonEvent(value, value.type)

/** `message_start`, once, before anything else. */
export function ensureStarted(state: ResponsesToAnthropicState, out: SseEvent[]): void {
  if (state.started) return
  state.started = true
  out.push(
    emit({
      type: "message_start",
      message: {
        id: state.messageId,
        type: "message",
        role: "assistant",
        model: state.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    }),
  )
}

export function openBlock(
  state: ResponsesToAnthropicState,
  key: string,
  contentBlock: AnthropicContentBlock,
  out: SseEvent[],
): OpenBlock {
  ensureStarted(state, out)
  const kind = contentBlock.type === "tool_use" ? "tool_use" : contentBlock.type === "thinking" ? "thinking" : "text"
  const block: OpenBlock = { index: state.nextIndex++, kind, streamed: false, summaryParts: new Set(), textParts: new Set() }
  state.blocks.set(key, block)
  out.push(emit({ type: "content_block_start", index: block.index, content_block: contentBlock }))
  return block
}

export function blockDelta(block: OpenBlock, delta: AnthropicBlockDelta, out: SseEvent[]): void {
  if (delta.type !== "signature_delta") block.streamed = true
  out.push(emit({ type: "content_block_delta", index: block.index, delta }))
}

export function closeBlock(state: ResponsesToAnthropicState, key: string, out: SseEvent[]): void {
  const block = state.blocks.get(key)
  if (!block) return
  state.blocks.delete(key)
  out.push(emit({ type: "content_block_stop", index: block.index }))
}

/** Closes every still-open block whose key starts with `prefix` (all when empty), in index order. */
export function closeBlocks(state: ResponsesToAnthropicState, prefix: string, out: SseEvent[]): void {
  const keys = [...state.blocks.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .sort((a, b) => a[1].index - b[1].index)
    .map(([key]) => key)
  for (const key of keys) closeBlock(state, key, out)
}

export function warnOnce(state: ResponsesToAnthropicState, type: string, path: string, message: string): void {
  if (state.warnedTypes.has(type)) return
  state.warnedTypes.add(type)
  state.ctx.warnings.push({ code: "unsupported", path, message })
}
