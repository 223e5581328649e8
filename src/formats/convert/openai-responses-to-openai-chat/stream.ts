import { chatErrorChunk } from "../../shared/stream-failure"
import { DONE_EVENT, jsonEvent } from "../../sse/encode"
import type { ConversionContext, SseEvent, StreamConverter } from "../../types"
import { createResponsesToChatState } from "./stream-state"
import { stepResponsesEvent, type ResponsesEventData } from "./stream-step"

/**
 * Responses SSE → Chat Completions chunks. Ends with `data: [DONE]`; a failed, errored
 * or cut upstream stream ends with a chunk carrying a top-level `error` instead of a
 * silent, truncated success.
 */
export function convertResponsesStreamToChat(ctx: ConversionContext): StreamConverter {
  const state = createResponsesToChatState(ctx)
  return {
    push(event: SseEvent): SseEvent[] {
      if (state.finished || event.data === "[DONE]") return []
      let data: ResponsesEventData
      try {
        data = JSON.parse(event.data) as ResponsesEventData
      } catch {
        state.finished = true
        return [jsonEvent(chatErrorChunk({ message: "upstream sent an invalid stream event" })), DONE_EVENT]
      }
      const events = stepResponsesEvent(state, data).map((chunk) => jsonEvent(chunk))
      if (state.finished) events.push(DONE_EVENT)
      return events
    },
    end(reason?: string): SseEvent[] {
      if (state.finished) return []
      state.finished = true
      return [jsonEvent(chatErrorChunk({ message: reason ?? "upstream stream ended before response.completed" })), DONE_EVENT]
    },
  }
}
