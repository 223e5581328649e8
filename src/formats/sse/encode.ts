import type { SseEvent } from "../types"

const LINE_BREAK = /[\r\n]/

/** Serialises one event; multi-line data becomes several `data:` lines. */
export function encodeSseEvent(event: SseEvent): string {
  let out = ""
  if (event.event !== undefined) {
    if (LINE_BREAK.test(event.event)) throw new Error("SSE event name must not contain CR or LF")
    out += `event: ${event.event}\n`
  }
  if (event.id !== undefined) {
    if (LINE_BREAK.test(event.id)) throw new Error("SSE id must not contain CR or LF")
    out += `id: ${event.id}\n`
  }
  if (event.retry !== undefined) out += `retry: ${Math.floor(event.retry)}\n`
  // JSON (what converters emit) never holds a raw line break: one `data:` line, no split.
  if (!LINE_BREAK.test(event.data)) return `${out}data: ${event.data}\n\n`
  for (const line of event.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return out + "\n"
}

/** An event whose data is `value` as JSON, named `name` when given. */
export function jsonEvent(value: unknown, name?: string): SseEvent {
  return name === undefined ? { data: JSON.stringify(value) } : { event: name, data: JSON.stringify(value) }
}

/** The `data: [DONE]` terminator OpenAI streams end with. */
export const DONE_EVENT: SseEvent = { data: "[DONE]" }
