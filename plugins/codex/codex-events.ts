const BLANK_LINE = /\r?\n\r?\n/g
const CODEX_EVENT = /^(?:event:\s*codex\.|data:\s*\{.*"type"\s*:\s*"codex\.)/m

type Json = Record<string, unknown>

/** The data of a `codex.*` event block (by its event name or its JSON `type`); undefined for any other event. */
function codexEventData(block: string): Json | undefined {
  if (!CODEX_EVENT.test(block)) return undefined
  const lines = block.split(/\r?\n/)
  const named = lines.some((line) => /^event:\s*codex\./.test(line))
  const data = lines
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).replace(/^ /, ""))
    .join("\n")
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return named ? {} : undefined
  }
  const type = (json as Json | null)?.type
  if (!named && !(typeof type === "string" && type.startsWith("codex."))) return undefined
  return json && typeof json === "object" ? (json as Json) : {}
}

/**
 * Removes the backend's own `codex.*` events (`codex.rate_limits`, `codex.response.metadata`)
 * from a Responses SSE stream: they are outside the public spec, and the openai SDK's
 * `responses.stream()` throws on events it does not know. Each one is handed to `onEvent`;
 * every other event goes through byte for byte.
 */
export function withoutCodexEvents(body: ReadableStream<Uint8Array>, onEvent: (event: Json) => void): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let pending = ""
  const keep = (text: string): string => {
    if (!text.includes("codex.")) return text
    let kept = ""
    let start = 0
    for (const match of text.matchAll(BLANK_LINE)) {
      const end = match.index + match[0].length
      const block = text.slice(start, end)
      const event = codexEventData(block)
      if (event) onEvent(event)
      else kept += block
      start = end
    }
    return kept + text.slice(start)
  }
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true })
        let boundary = -1
        for (const match of pending.matchAll(BLANK_LINE)) boundary = match.index + match[0].length
        if (boundary === -1) return
        const out = keep(pending.slice(0, boundary))
        pending = pending.slice(boundary)
        if (out) controller.enqueue(encoder.encode(out))
      },
      flush(controller) {
        pending += decoder.decode()
        const event = pending.trim() ? codexEventData(pending) : undefined
        if (event) onEvent(event)
        else if (pending) controller.enqueue(encoder.encode(pending))
      },
    }),
  )
}
