import type { AnthropicUsage } from "~/formats/anthropic/schema"
import { jsonEvent } from "../../sse/encode"
import type { SseEvent } from "../../types"

/** Anthropic SSE events, each named after its `type` (the Anthropic SDK skips unnamed events). */
export function anthropicEvent(value: { type: string } & Record<string, unknown>): SseEvent {
  return jsonEvent(value, value.type)
}

export function messageStartEvent(id: string, model: string): SseEvent {
  const message = {
    id,
    type: "message",
    role: "assistant",
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  }
  return anthropicEvent({ type: "message_start", message })
}

export function blockStartEvent(index: number, contentBlock: Record<string, unknown>): SseEvent {
  return anthropicEvent({ type: "content_block_start", index, content_block: contentBlock })
}

export function blockDeltaEvent(index: number, delta: Record<string, unknown>): SseEvent {
  return anthropicEvent({ type: "content_block_delta", index, delta })
}

export function blockStopEvent(index: number): SseEvent {
  return anthropicEvent({ type: "content_block_stop", index })
}

export function messageDeltaEvent(stopReason: string, usage: AnthropicUsage): SseEvent {
  return anthropicEvent({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage })
}

export function messageStopEvent(): SseEvent {
  return anthropicEvent({ type: "message_stop" })
}
