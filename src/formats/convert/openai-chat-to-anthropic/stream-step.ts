import { anthropicErrorEvent } from "../../shared/stream-failure"
import type { ConversionContext, SseEvent } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"
import { mapOpenAIErrorType } from "./map-openai-error-type"
import { mapOpenAIFinishReason } from "./map-openai-finish-reason"
import { mapOpenAIUsage } from "./map-openai-usage"
import { closeAll, emitReasoningDetail, emitText, emitThinking, emitToolCall } from "./stream-blocks"
import { messageDeltaEvent, messageStartEvent, messageStopEvent } from "./stream-events"
import { absorbChunkMetadata, type ChatToAnthropicState, type Emit } from "./stream-state"

/** Feeds one Chat SSE event (a chunk or `[DONE]`); returns the Anthropic events it produces. */
export function stepChatToAnthropic(state: ChatToAnthropicState, event: SseEvent, ctx: ConversionContext): SseEvent[] {
  if (state.finished) return []
  if (event.data === "[DONE]") return endChatToAnthropic(state, ctx)
  let chunk: unknown
  try {
    chunk = JSON.parse(event.data)
  } catch {
    return fail(state, `upstream sent invalid JSON: ${event.data.slice(0, 200)}`)
  }
  if (!isRecord(chunk)) return fail(state, "upstream sent a non-object chunk")
  if (chunk.error) {
    const error = isRecord(chunk.error) ? chunk.error : { message: String(chunk.error) }
    const status = typeof error.code === "number" ? error.code : 500
    const type = typeof error.type === "string" ? error.type : undefined
    return fail(state, typeof error.message === "string" ? error.message : JSON.stringify(error), mapOpenAIErrorType(status, type))
  }
  absorbChunkMetadata(state, chunk)
  const events: SseEvent[] = []
  const emit: Emit = (e) => events.push(e)
  const choices = Array.isArray(chunk.choices) ? chunk.choices : []
  for (const choice of choices) {
    if (!isRecord(choice)) continue
    if (typeof choice.index === "number" && choice.index > 0) {
      warnOnce(state, ctx, "choices", "choices", "only the first choice is streamed")
      continue
    }
    ensureStarted(state, emit)
    if (isRecord(choice.delta)) applyDelta(state, choice.delta, ctx, emit)
    if (typeof choice.finish_reason === "string" && state.finishReason === undefined) {
      state.finishReason = choice.finish_reason
      closeAll(state, emit)
    }
  }
  // The usage-only chunk (stream_options.include_usage) comes after the finish_reason chunk.
  if (state.finishReason !== undefined && state.usage !== undefined) finish(state, emit)
  return events
}

/** The end of the upstream stream: completes a finished message, reports a cut one as an error. */
export function endChatToAnthropic(state: ChatToAnthropicState, ctx: ConversionContext, reason?: string): SseEvent[] {
  if (state.finished) return []
  if (state.finishReason === undefined) return fail(state, reason ?? "upstream stream ended before a finish_reason")
  if (state.usage === undefined) warn(ctx, "field_dropped", "usage", "upstream stream reported no usage; zeros sent")
  const events: SseEvent[] = []
  finish(state, (e) => events.push(e))
  return events
}

function applyDelta(state: ChatToAnthropicState, delta: Record<string, unknown>, ctx: ConversionContext, emit: Emit): void {
  const reasoning = [delta.reasoning_content, delta.reasoning, delta.reasoning_text].find((v) => typeof v === "string" && v.length > 0)
  if (typeof reasoning === "string") emitThinking(state, reasoning, emit)
  if (Array.isArray(delta.reasoning_details)) {
    for (const entry of delta.reasoning_details) {
      if (!emitReasoningDetail(state, entry, emit)) {
        warnOnce(state, ctx, "details", "reasoning_details", "reasoning details from another provider dropped")
      }
    }
  }
  if (typeof delta.content === "string" && delta.content.length > 0) emitText(state, delta.content, emit)
  if (typeof delta.refusal === "string" && delta.refusal.length > 0) {
    state.refused = true
    emitText(state, delta.refusal, emit)
  }
  if (Array.isArray(delta.tool_calls)) {
    delta.tool_calls.forEach((call, position) => {
      if (isRecord(call)) emitToolCall(state, call, position, emit)
    })
  }
}

function ensureStarted(state: ChatToAnthropicState, emit: Emit): void {
  if (state.started) return
  state.started = true
  emit(messageStartEvent(state.messageId || "msg_ccproxy", state.model))
}

function finish(state: ChatToAnthropicState, emit: Emit): void {
  ensureStarted(state, emit)
  closeAll(state, emit)
  const hasToolUse = [...state.tools.values()].some((t) => t.started)
  emit(messageDeltaEvent(mapOpenAIFinishReason(state.finishReason, hasToolUse, state.refused), mapOpenAIUsage(state.usage)))
  emit(messageStopEvent())
  state.finished = true
}

function fail(state: ChatToAnthropicState, message: string, type = "api_error"): SseEvent[] {
  state.finished = true
  return [anthropicErrorEvent({ message, type })]
}

function warnOnce(state: ChatToAnthropicState, ctx: ConversionContext, key: string, path: string, message: string): void {
  if (state.warned.has(key)) return
  state.warned.add(key)
  warn(ctx, "unsupported", path, message)
}
