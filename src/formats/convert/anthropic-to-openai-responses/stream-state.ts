import type { AnthropicUsage } from "../../anthropic/schema"
import type { ResponsesItem } from "../../openai-responses/schema"
import { jsonEvent } from "../../sse/encode"
import type { ConversionContext, SseEvent } from "../../types"
import { mapAnthropicUsageToResponses } from "./map-anthropic-usage"
import { responseEnvelope, responseId } from "./response-envelope"

/** One Anthropic content block being turned into one Responses output item. */
export interface BlockState {
  kind: "text" | "reasoning" | "function_call"
  outputIndex: number
  itemId: string
  /** Text / thinking / argument fragments, joined once at the end. */
  parts: string[]
  signature: string
  /** The block as content_block_start gave it (tool id and name, redacted data, initial input). */
  start: Record<string, unknown>
  summaryStarted: boolean
}

export interface AnthropicToResponsesState {
  ctx: ConversionContext
  sequence: number
  started: boolean
  finished: boolean
  messageId: string
  model: string
  createdAt: number
  output: ResponsesItem[]
  blocks: Map<number, BlockState>
  usage: Partial<AnthropicUsage>
  stopReason: string | null
  warned: Set<string>
}

export function createState(ctx: ConversionContext, createdAt: number): AnthropicToResponsesState {
  const request = ctx.request as { model?: unknown } | undefined
  return {
    ctx,
    sequence: 0,
    started: false,
    finished: false,
    messageId: "msg_ccproxy",
    model: typeof request?.model === "string" ? request.model : "unknown",
    createdAt,
    output: [],
    blocks: new Map(),
    usage: {},
    stopReason: null,
    warned: new Set(),
  }
}

/** Every event carries its name as `event:` and a `sequence_number`. */
export function emit(state: AnthropicToResponsesState, out: SseEvent[], payload: { type: string; [key: string]: unknown }): void {
  out.push(jsonEvent({ ...payload, sequence_number: state.sequence++ }, payload.type))
}

export function envelope(state: AnthropicToResponsesState, status: string, extra: { incomplete_details?: unknown; error?: unknown } = {}) {
  const done = status !== "in_progress"
  return responseEnvelope(responseId(state.messageId), state.model, state.createdAt, state.ctx, {
    status,
    output: done ? state.output : [],
    usage: done ? mapAnthropicUsageToResponses(state.usage) : null,
    ...extra,
  })
}

/** `response.created` then `response.in_progress`, once, before anything else (the OpenAI SDK requires it). */
export function ensureStarted(state: AnthropicToResponsesState, out: SseEvent[]): void {
  if (state.started) return
  state.started = true
  emit(state, out, { type: "response.created", response: envelope(state, "in_progress") })
  emit(state, out, { type: "response.in_progress", response: envelope(state, "in_progress") })
}

export function warnOnce(state: AnthropicToResponsesState, key: string, path: string, message: string): void {
  if (state.warned.has(key)) return
  state.warned.add(key)
  state.ctx.warnings.push({ code: "unsupported", path, message })
}
