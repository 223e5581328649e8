import type { ChatUsage } from "../../openai-chat/schema"
import type { ResponsesItem } from "../../openai-responses/schema"
import { jsonEvent } from "../../sse/encode"
import type { ConversionContext, ConversionWarning, SseEvent } from "../../types"

export interface OpenPart {
  kind: "output_text" | "refusal"
  text: string
}

export interface OpenMessage {
  outputIndex: number
  id: string
  parts: OpenPart[]
}

export interface OpenReasoning {
  outputIndex: number
  id: string
  text: string
  encryptedContent?: string
}

export interface OpenToolCall {
  outputIndex: number
  id: string
  callId: string
  name: string
  arguments: string
}

/** Everything the Chat → Responses stream step remembers between chunks. */
export interface ChatToResponsesStreamState {
  sequence: number
  started: boolean
  finished: boolean
  id: string
  createdAt: number
  model: string
  request: unknown
  /** Finished items by output_index (holes until an item is done). */
  output: ResponsesItem[]
  nextOutputIndex: number
  message?: OpenMessage
  reasoning?: OpenReasoning
  toolCalls: Map<number, OpenToolCall>
  finishReason?: string
  usage?: ChatUsage
  warnedChoices: boolean
  warnedForeignReasoning: boolean
  warnings: ConversionWarning[]
}

export function createChatToResponsesState(ctx: ConversionContext): ChatToResponsesStreamState {
  const request = (ctx.request ?? {}) as { model?: unknown }
  return {
    sequence: 0,
    started: false,
    finished: false,
    id: "resp_ccproxy",
    createdAt: Math.floor(Date.now() / 1000),
    model: typeof request.model === "string" ? request.model : "",
    request: ctx.request,
    output: [],
    nextOutputIndex: 0,
    toolCalls: new Map(),
    warnedChoices: false,
    warnedForeignReasoning: false,
    warnings: ctx.warnings,
  }
}

/** One Responses event; `sequence_number` counts every event of the stream. */
export function emit(state: ChatToResponsesStreamState, type: string, payload: Record<string, unknown>): SseEvent {
  return jsonEvent({ type, sequence_number: state.sequence++, ...payload }, type)
}
