import type { ChatCompletionChunk, ChatDelta, ChatFinishReason } from "../../openai-chat/schema"
import type { ConversionContext, ConversionWarning } from "../../types"

interface ToolCallProgress {
  index: number
  argumentsSent: boolean
}

/** Everything the Responses → Chat stream step needs to remember between events. */
export interface ResponsesToChatStreamState {
  id: string
  created: number
  model: string
  includeUsage: boolean
  roleSent: boolean
  finished: boolean
  /** Function calls by Responses `output_index`; `index` is the Chat tool-call index. */
  toolCalls: Map<number, ToolCallProgress>
  /** Output indexes whose text or reasoning arrived as deltas (so `.done` must not repeat it). */
  textStreamed: Set<number>
  reasoningStreamed: Set<number>
  /** Output indexes whose `output_item.done` was handled, so `response.completed.output` skips them. */
  doneItems: Set<number>
  lastReasoningPart: string | undefined
  reasoningItemCount: number
  warnedEventTypes: Set<string>
  warnings: ConversionWarning[]
}

export function createResponsesToChatState(ctx: ConversionContext): ResponsesToChatStreamState {
  const request = (ctx.request ?? {}) as { model?: unknown; stream_options?: { include_usage?: unknown } | null }
  return {
    id: "chatcmpl-ccproxy",
    created: Math.floor(Date.now() / 1000),
    model: typeof request.model === "string" ? request.model : "",
    includeUsage: request.stream_options?.include_usage === true,
    roleSent: false,
    finished: false,
    toolCalls: new Map(),
    textStreamed: new Set(),
    reasoningStreamed: new Set(),
    doneItems: new Set(),
    lastReasoningPart: undefined,
    reasoningItemCount: 0,
    warnedEventTypes: new Set(),
    warnings: ctx.warnings,
  }
}

/** A chunk with one choice; the first chunk of the stream also carries the assistant role. */
export function deltaChunk(
  state: ResponsesToChatStreamState,
  delta: ChatDelta,
  finishReason: ChatFinishReason | null = null,
): ChatCompletionChunk {
  const withRole = state.roleSent ? delta : { role: "assistant", ...delta }
  state.roleSent = true
  return {
    id: state.id,
    object: "chat.completion.chunk",
    created: state.created,
    model: state.model,
    choices: [{ index: 0, delta: withRole, finish_reason: finishReason }],
  }
}
