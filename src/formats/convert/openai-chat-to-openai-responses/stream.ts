import type { ChatCompletionChunk } from "../../openai-chat/schema"
import type { ConversionContext, SseEvent, StreamConverter } from "../../types"
import { createChatToResponsesState } from "./stream-state"
import { complete, fail, stepChatChunk } from "./stream-step"

/**
 * Chat Completions chunks → Responses SSE, in the order the OpenAI SDK's strict stream
 * helper needs (created first, item and part announced before their deltas, whole output
 * and usage in the final event). An error chunk, invalid data or a stream cut before any
 * finish_reason ends with `error` then `response.failed`.
 */
export function convertChatStreamToResponses(ctx: ConversionContext): StreamConverter {
  const state = createChatToResponsesState(ctx)
  return {
    push(event: SseEvent): SseEvent[] {
      if (state.finished) return []
      if (event.data === "[DONE]") return complete(state)
      let chunk: ChatCompletionChunk
      try {
        chunk = JSON.parse(event.data) as ChatCompletionChunk
      } catch {
        return fail(state, "upstream sent an invalid stream chunk")
      }
      return stepChatChunk(state, chunk)
    },
    end(reason?: string): SseEvent[] {
      return state.finished ? [] : complete(state, reason)
    },
  }
}
