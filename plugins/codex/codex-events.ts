import { SseParser } from "~/formats/sse/parse"
import type { SseEvent } from "~/formats/types"

type Json = Record<string, unknown>

/** The data of a `codex.*` event (by its event name or its JSON `type`); undefined for any other event. */
function codexEventData(event: SseEvent): Json | undefined {
  // A named event is what its name says (the backend names each event after its `type`), so only
  // unnamed ones are looked into; of those, only text mentioning `"codex.` is parsed, and a delta
  // quoting it is told apart by its type.
  if (event.event !== undefined && !event.event.startsWith("codex.")) return undefined
  const named = event.event !== undefined
  if (!named && !event.data.includes('"codex.')) return undefined
  let json: unknown
  try {
    json = JSON.parse(event.data)
  } catch {
    return named ? {} : undefined
  }
  const type = (json as Json | null)?.type
  if (!named && !(typeof type === "string" && type.startsWith("codex."))) return undefined
  return json && typeof json === "object" ? (json as Json) : {}
}

/**
 * The backend's own `codex.*` events (`codex.rate_limits`, `codex.response.metadata`) are
 * outside the public spec, and the openai SDK's `responses.stream()` throws on events it does
 * not know. Returns a predicate for the proxy's single stream parser: true (drop) for those,
 * each handed to `onEvent`; every other event goes through byte for byte.
 */
export function codexEventDropper(onEvent: (event: Json) => void): (event: SseEvent) => boolean {
  return (event) => {
    const data = codexEventData(event)
    if (data === undefined) return false
    onEvent(data)
    return true
  }
}

/** A Responses SSE stream without its `codex.*` events (see `codexEventDropper`). */
export function withoutCodexEvents(body: ReadableStream<Uint8Array>, onEvent: (event: Json) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const parser = new SseParser({ drop: codexEventDropper(onEvent), keepText: true })
  const send = (controller: TransformStreamDefaultController<Uint8Array>) => {
    const text = parser.takeText()
    if (text) controller.enqueue(encoder.encode(text))
  }
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        parser.push(chunk)
        send(controller)
      },
      flush(controller) {
        parser.end()
        send(controller)
      },
    }),
  )
}
