import type { ChatCompletionChunk } from "../../openai-chat/schema"
import { responsesFailureEvents } from "../../shared/stream-failure"
import type { SseEvent } from "../../types"
import { foreignReasoningWarning, reasoningItemsFromDetails } from "../openai-responses-to-openai-chat/reasoning-details"
import { mapChatFinishReason } from "./map-finish-reason"
import { mapChatUsage } from "./map-usage"
import { requestEcho } from "./response-envelope"
import { appendMessageText, appendReasoning, appendToolCall, attachReasoningItems, closeMessage, closeReasoning, closeToolCalls } from "./stream-items"
import { emit, type ChatToResponsesStreamState } from "./stream-state"

/** Reasoning text under the names Chat-compatible upstreams use for it. */
function reasoningTextOf(delta: Record<string, unknown>): string | undefined {
  const text = delta.reasoning_content ?? delta.reasoning_text ?? delta.reasoning
  return typeof text === "string" && text.length > 0 ? text : undefined
}

/** The step function: one Chat chunk in, the Responses events it implies out. */
export function stepChatChunk(state: ChatToResponsesStreamState, chunk: ChatCompletionChunk): SseEvent[] {
  if (chunk.error) return fail(state, chunk.error.message ?? "upstream stream error", chunk.error.code, chunk.error.type)
  const events: SseEvent[] = []
  if (!state.started) {
    if (chunk.id) state.id = chunk.id
    if (chunk.created) state.createdAt = chunk.created
  }
  if (chunk.model) state.model = chunk.model
  if (chunk.usage) state.usage = chunk.usage
  if (!state.started && (chunk.id || chunk.choices?.length)) events.push(...start(state))
  for (const choice of chunk.choices ?? []) {
    if (choice.index !== 0) {
      warnExtraChoice(state)
      continue
    }
    const delta = (choice.delta ?? {}) as Record<string, unknown> & ChatCompletionChunk["choices"][number]["delta"]
    const reasoning = reasoningTextOf(delta)
    if (reasoning) events.push(...appendReasoning(state, reasoning))
    if (delta.reasoning_details?.length) events.push(...attachReasoningDetails(state, delta.reasoning_details))
    if (delta.content) events.push(...appendMessageText(state, "output_text", delta.content))
    if (delta.refusal) events.push(...appendMessageText(state, "refusal", delta.refusal))
    for (const call of delta.tool_calls ?? []) {
      events.push(...appendToolCall(state, call.index ?? 0, call.id, call.function?.name, call.function?.arguments))
    }
    if (choice.finish_reason) state.finishReason = choice.finish_reason
  }
  return events
}

export function start(state: ChatToResponsesStreamState): SseEvent[] {
  state.started = true
  const response = envelope(state, "in_progress")
  return [emit(state, "response.created", { response }), emit(state, "response.in_progress", { response })]
}

/** End of the Chat stream: close every open item and report the whole response. */
export function complete(state: ChatToResponsesStreamState, reason?: string): SseEvent[] {
  if (state.finishReason === undefined) return fail(state, reason ?? "upstream stream ended before a finish_reason")
  const events = state.started ? [] : start(state)
  events.push(...closeReasoning(state), ...closeMessage(state), ...closeToolCalls(state))
  state.finished = true
  const outcome = mapChatFinishReason(state.finishReason)
  const response = {
    ...envelope(state, outcome.status),
    incomplete_details: outcome.incomplete_details,
    usage: state.usage ? mapChatUsage(state.usage) : null,
  }
  // The real API ends incomplete responses with response.incomplete (Codex CLI reports it).
  const type = outcome.status === "incomplete" ? "response.incomplete" : "response.completed"
  events.push(emit(state, type, { response }))
  return events
}

export function fail(state: ChatToResponsesStreamState, message: string, code?: string | number | null, type?: string | null): SseEvent[] {
  const events = state.started ? [] : start(state)
  state.finished = true
  const failure = { message, code: code == null ? undefined : String(code), type: type ?? undefined }
  const failed = responsesFailureEvents(failure, envelope(state, "failed"), state.sequence)
  state.sequence += failed.length
  events.push(...failed)
  return events
}

function envelope(state: ChatToResponsesStreamState, status: string) {
  return {
    id: state.id,
    object: "response",
    created_at: state.createdAt,
    status,
    error: null,
    incomplete_details: null,
    model: state.model,
    output: state.output.filter((item) => item !== undefined),
    ...requestEcho(state.request),
    usage: null,
  }
}

function attachReasoningDetails(state: ChatToResponsesStreamState, details: readonly unknown[]): SseEvent[] {
  const { items, foreign } = reasoningItemsFromDetails(details)
  if (foreign > 0 && !state.warnedForeignReasoning) {
    state.warnedForeignReasoning = true
    state.warnings.push(foreignReasoningWarning("choices[0].delta.reasoning_details"))
  }
  return attachReasoningItems(state, items)
}

function warnExtraChoice(state: ChatToResponsesStreamState): void {
  if (state.warnedChoices) return
  state.warnedChoices = true
  state.warnings.push({ code: "field_dropped", path: "choices", message: "only choice 0 is converted" })
}
