import type { ResponsesItem, ResponsesResponse } from "../../openai-responses/schema"
import { anthropicErrorEvent } from "../../shared/stream-failure"
import { typedEventStream } from "../../shared/typed-event-stream"
import type { ConversionContext, SseEvent, StreamConverter } from "../../types"
import { mapResponsesErrorType } from "./map-responses-error-type"
import { mapResponsesStopReason } from "./map-responses-stop-reason"
import { mapResponsesUsageToAnthropic } from "./map-responses-usage"
import {
  onArgumentsDelta,
  onItemAdded,
  onItemDone,
  onTextDelta,
  onThinkingDelta,
  onThinkingPartDone,
} from "./stream-items"
import { closeBlocks, createState, emit, ensureStarted, warnOnce, type ResponsesToAnthropicState } from "./stream-state"

/** Events that carry nothing the Anthropic stream needs (their content arrives elsewhere too). */
const IGNORED = new Set([
  "response.in_progress",
  "response.queued",
  "response.output_text.done",
  "response.refusal.done",
  "response.function_call_arguments.done",
  "response.reasoning_summary_part.done",
  "response.content_part.done",
  "response.output_text.annotation.added",
  "codex.rate_limits",
  "keepalive",
])

type Event = { type: string; [key: string]: unknown }

/**
 * Responses SSE → Anthropic SSE: the stream Claude Code sees against the Codex backend.
 * Reasoning becomes thinking blocks (signature carries the encrypted reasoning), text
 * `text_delta`s, function calls `tool_use` blocks fed by `input_json_delta`s; usage and
 * stop reason come from `response.completed`. A failure or a cut stream ends in `event: error`.
 */
export function step(state: ResponsesToAnthropicState, event: Event): SseEvent[] {
  const out: SseEvent[] = []
  if (state.finished) return out
  const outputIndex = typeof event.output_index === "number" ? event.output_index : 0
  switch (event.type) {
    case "response.created": {
      const response = event.response as ResponsesResponse | undefined
      if (response?.id) state.messageId = response.id
      if (response?.model) state.model = response.model
      ensureStarted(state, out)
      break
    }
    case "response.output_item.added":
      onItemAdded(state, outputIndex, event.item as ResponsesItem, out)
      break
    case "response.output_item.done":
      onItemDone(state, outputIndex, event.item as ResponsesItem, out)
      break
    case "response.content_part.added":
      break
    case "response.output_text.delta":
    case "response.refusal.delta":
      onTextDelta(state, outputIndex, Number(event.content_index ?? 0), String(event.delta ?? ""), out)
      break
    case "response.reasoning_summary_part.added":
      onThinkingDelta(state, outputIndex, Number(event.summary_index ?? 0), "", out)
      break
    case "response.reasoning_summary_text.delta":
    case "response.reasoning_text.delta":
      onThinkingDelta(state, outputIndex, Number(event.summary_index ?? 0), String(event.delta ?? ""), out)
      break
    case "response.reasoning_summary_text.done":
      onThinkingPartDone(state, outputIndex, Number(event.summary_index ?? 0), String(event.text ?? ""), out)
      break
    case "response.function_call_arguments.delta":
      onArgumentsDelta(state, outputIndex, String(event.delta ?? ""), out)
      break
    case "response.completed":
    case "response.incomplete":
      finish(state, event.response as ResponsesResponse, out)
      break
    case "response.failed": {
      const response = event.response as ResponsesResponse | undefined
      fail(state, mapResponsesErrorType(response?.error?.type, response?.error?.code), response?.error?.message ?? "upstream response failed", out)
      break
    }
    case "error": {
      const nested = (event.error ?? event) as { type?: string; code?: string; message?: string }
      fail(state, mapResponsesErrorType(nested.type === "error" ? undefined : nested.type, nested.code), nested.message ?? "upstream stream error", out)
      break
    }
    default:
      if (!IGNORED.has(event.type)) {
        warnOnce(state, `event:${event.type}`, "stream", `Responses stream event "${event.type}" has no Anthropic equivalent; ignored`)
      }
      break
  }
  return out
}

function finish(state: ResponsesToAnthropicState, response: ResponsesResponse | undefined, out: SseEvent[]): void {
  ensureStarted(state, out)
  // Items only present in the final response (minimal streams) are emitted now, in order.
  response?.output?.forEach((item, index) => {
    if (!state.doneItems.has(index)) onItemDone(state, index, item, out)
  })
  closeBlocks(state, "", out)
  const stopReason = mapResponsesStopReason(response?.status, response?.incomplete_details?.reason, state.calledTools)
  out.push(
    emit({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: mapResponsesUsageToAnthropic(response?.usage) }),
    emit({ type: "message_stop" }),
  )
  state.finished = true
}

function fail(state: ResponsesToAnthropicState, type: string, message: string, out: SseEvent[]): void {
  out.push(anthropicErrorEvent({ message, type }))
  state.finished = true
}

export function createResponsesToAnthropicStream(ctx: ConversionContext): StreamConverter {
  return typedEventStream(createState(ctx), step, fail, "upstream stream ended before response.completed")
}
