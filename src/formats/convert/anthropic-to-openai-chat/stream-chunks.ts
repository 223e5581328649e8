import { jsonEvent } from "../../sse/encode"
import type { SseEvent } from "../../types"
import type { ChatUsageOut } from "./map-anthropic-usage"

/** The identity every chunk of one stream repeats. */
export interface ChunkIdentity {
  id: string
  created: number
  model: string
}

export function deltaChunk(identity: ChunkIdentity, delta: Record<string, unknown>, finishReason: string | null = null): SseEvent {
  return jsonEvent({
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  })
}

export function usageChunk(identity: ChunkIdentity, usage: ChatUsageOut): SseEvent {
  return jsonEvent({
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [],
    usage,
  })
}
