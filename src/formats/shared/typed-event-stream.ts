import type { SseEvent, StreamConverter } from "../types"

export type TypedEvent = { type: string; [key: string]: unknown }

/**
 * A StreamConverter over upstream events whose JSON carries a `type`: `[DONE]` and typeless
 * events are skipped, non-JSON data and a stream that ends unfinished go to `fail` (which must
 * mark the state finished), and nothing is emitted once the state is finished.
 */
export function typedEventStream<S extends { finished: boolean }>(
  state: S,
  step: (state: S, event: TypedEvent) => SseEvent[],
  fail: (state: S, type: string, message: string, out: SseEvent[]) => void,
  endedEarlyMessage: string,
): StreamConverter {
  const failed = (message: string) => {
    const out: SseEvent[] = []
    fail(state, "api_error", message, out)
    return out
  }
  return {
    push(event) {
      if (state.finished || event.data === "[DONE]") return []
      let parsed: unknown
      try {
        parsed = JSON.parse(event.data)
      } catch {
        return failed("upstream sent a stream event that is not JSON")
      }
      if (typeof parsed !== "object" || parsed === null || typeof (parsed as TypedEvent).type !== "string") return []
      return step(state, parsed as TypedEvent)
    },
    end(reason) {
      return state.finished ? [] : failed(reason ?? endedEarlyMessage)
    },
  }
}
