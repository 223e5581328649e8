import type { SseEvent } from "../types"

type Json = Record<string, any>

export type CollectedResponse = { ok: true; response: Json } | { ok: false; status: number; error: Json }

/**
 * The complete Responses object from a Responses SSE stream, for clients that asked for no
 * stream from an upstream that only streams. Uses `response.completed` (or `.incomplete`)
 * when present; otherwise rebuilds `output` from the `output_item.done` events, so a stream
 * that skipped its final event still yields a well-formed object with `output` as a list.
 */
export function collectResponsesStream(events: readonly SseEvent[]): CollectedResponse {
  const items = new Map<number, Json>()
  let envelope: Json | undefined
  for (const event of events) {
    if (event.data === "[DONE]") continue
    let json: Json
    try {
      json = JSON.parse(event.data)
    } catch {
      continue
    }
    const type = json.type ?? event.event
    if (type === "response.created" || type === "response.in_progress") envelope = json.response ?? envelope
    else if (type === "response.output_item.done") items.set(json.output_index ?? items.size, json.item)
    else if (type === "response.completed" || type === "response.incomplete") return { ok: true, response: withOutputList(json.response, items) }
    else if (type === "response.failed") return { ok: false, status: 502, error: json.response?.error ?? { message: "The upstream response failed" } }
    else if (type === "error") return { ok: false, status: 502, error: json.error ?? json }
  }
  if (items.size === 0) return { ok: false, status: 502, error: { message: "The upstream stream ended before it was complete" } }
  return { ok: true, response: withOutputList({ ...envelope, status: "incomplete" }, items) }
}

function withOutputList(response: Json | undefined, items: Map<number, Json>): Json {
  const base = response ?? {}
  const output = Array.isArray(base.output) && base.output.length > 0 ? base.output : [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item)
  return { ...base, output }
}
