import type { SseEvent } from "../../types"
import type { ConversionContext } from "../../types"
import { isRecord } from "../anthropic-to-openai-chat/warn"
import { messageIdFromChatId } from "./message-id"
import { requestedModel } from "./response"

/** A text or thinking block being streamed (at most one at a time). */
export interface OpenBlock {
  index: number
  kind: "text" | "thinking"
  /** Thinking text arrived as reasoning_content, so a details entry's text is a repeat. */
  streamedText: boolean
}

/** A tool_use block, keyed by the Chat tool call index. */
export interface ToolBlock {
  index: number
  id: string
  name: string
  started: boolean
  open: boolean
  /** Argument pieces, joined only to test completeness when the next tool call starts. */
  args: string[]
}

/** Everything the Chat → Anthropic stream step needs to remember. */
export interface ChatToAnthropicState {
  messageId: string
  model: string
  started: boolean
  finished: boolean
  nextIndex: number
  current: OpenBlock | undefined
  tools: Map<number, ToolBlock>
  lastTool: ToolBlock | undefined
  finishReason: string | null | undefined
  refused: boolean
  usage: unknown
  warned: Set<string>
}

export function createChatToAnthropicState(ctx: ConversionContext): ChatToAnthropicState {
  return {
    messageId: "",
    model: requestedModel(ctx),
    started: false,
    finished: false,
    nextIndex: 0,
    current: undefined,
    tools: new Map(),
    lastTool: undefined,
    finishReason: undefined,
    refused: false,
    usage: undefined,
    warned: new Set(),
  }
}

/** Remembers identity and usage a chunk carries; identity only until message_start went out. */
export function absorbChunkMetadata(state: ChatToAnthropicState, chunk: Record<string, unknown>): void {
  if (!state.started) {
    if (typeof chunk.id === "string" && chunk.id.length > 0 && !state.messageId) state.messageId = messageIdFromChatId(chunk.id)
    if (typeof chunk.model === "string" && chunk.model.length > 0) state.model = chunk.model
  }
  if (isRecord(chunk.usage)) state.usage = chunk.usage
}

export type Emit = (event: SseEvent) => void
