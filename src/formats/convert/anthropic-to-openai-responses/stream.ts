import type { AnthropicStopReason, AnthropicUsage } from "../../anthropic/schema"
import { responsesFailureEvents } from "../../shared/stream-failure"
import { typedEventStream } from "../../shared/typed-event-stream"
import type { ConversionContext, SseEvent, StreamConverter } from "../../types"
import { mapAnthropicErrorType } from "./map-anthropic-error-type"
import { mapAnthropicStopReasonToStatus } from "./map-anthropic-stop-reason-to-status"
import { onBlockDelta, onBlockStart, onBlockStop } from "./stream-blocks"
import { createState, emit, ensureStarted, envelope, warnOnce, type AnthropicToResponsesState } from "./stream-state"

type Event = { type: string; [key: string]: unknown }

/**
 * Anthropic SSE → Responses SSE (Codex CLI / OpenAI clients against Claude): created and
 * in_progress first, item and part `added` before their deltas, `done` for every item, and a
 * `response.completed` (`response.incomplete` on truncation) holding the whole output and usage. Errors and cut streams end in
 * `error` then `response.failed` (src/formats/shared/stream-failure.ts).
 */
export function step(state: AnthropicToResponsesState, event: Event): SseEvent[] {
  const out: SseEvent[] = []
  if (state.finished) return out
  const index = typeof event.index === "number" ? event.index : 0
  switch (event.type) {
    case "message_start": {
      const message = (event.message ?? {}) as { id?: string; model?: string; usage?: Partial<AnthropicUsage> }
      if (!state.started) {
        if (message.id) state.messageId = message.id
        if (message.model) state.model = message.model
      }
      Object.assign(state.usage, message.usage)
      ensureStarted(state, out)
      break
    }
    case "content_block_start":
      ensureStarted(state, out)
      onBlockStart(state, index, (event.content_block ?? { type: "unknown" }) as { type: string }, out)
      break
    case "content_block_delta":
      onBlockDelta(state, index, (event.delta ?? {}) as Record<string, unknown>, out)
      break
    case "content_block_stop":
      onBlockStop(state, index, out)
      break
    case "message_delta": {
      const delta = (event.delta ?? {}) as { stop_reason?: string | null }
      if (delta.stop_reason !== undefined) state.stopReason = delta.stop_reason
      Object.assign(state.usage, event.usage)
      break
    }
    case "message_stop":
      complete(state, out)
      break
    case "ping":
      break
    case "error": {
      const error = (event.error ?? {}) as { type?: string; message?: string }
      fail(state, error.type, error.message ?? "upstream error", out)
      break
    }
    default:
      warnOnce(state, `event:${event.type}`, "stream", `Anthropic stream event "${event.type}" has no Responses equivalent; ignored`)
      break
  }
  return out
}

function complete(state: AnthropicToResponsesState, out: SseEvent[]): void {
  ensureStarted(state, out)
  for (const index of [...state.blocks.keys()]) onBlockStop(state, index, out)
  const outcome = mapAnthropicStopReasonToStatus(state.stopReason as AnthropicStopReason | null)
  // As the real API does: the openai SDK's finalResponse() accepts it and Codex reports the truncation.
  const type = outcome.status === "incomplete" ? "response.incomplete" : "response.completed"
  emit(state, out, { type, response: envelope(state, outcome.status, { incomplete_details: outcome.incomplete_details }) })
  state.finished = true
}

function fail(state: AnthropicToResponsesState, type: string | undefined, message: string, out: SseEvent[]): void {
  ensureStarted(state, out)
  const events = responsesFailureEvents({ message, ...mapAnthropicErrorType(type, message) }, envelope(state, "failed"), state.sequence)
  state.sequence += events.length
  out.push(...events)
  state.finished = true
}

export function createAnthropicToResponsesStream(ctx: ConversionContext): StreamConverter {
  return typedEventStream(createState(ctx, Math.floor(Date.now() / 1000)), step, fail, "upstream stream ended before message_stop")
}
