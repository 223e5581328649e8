import { encodeSseEvent } from "~/formats/sse/encode"
import { SseParser } from "~/formats/sse/parse"
import type { SseEvent, StreamConverter } from "~/formats/types"
import { randomSplit } from "../../helpers/random-split"

export const RECORDED = `${import.meta.dir}/../../fixtures/upstream/recorded`
export const REQUESTS = `${import.meta.dir}/../../fixtures/upstream/requests`

export async function readRecorded(name: string): Promise<string> {
  return Bun.file(`${RECORDED}/${name}`).text()
}

export async function readJson<T = any>(path: string): Promise<T> {
  return (await Bun.file(path).json()) as T
}

/** Feeds upstream SSE bytes, split at random (seeded) boundaries, through a converter. */
export function convertSplit(text: string, converter: StreamConverter, seed: number): SseEvent[] {
  const parser = new SseParser()
  const out: SseEvent[] = []
  for (const piece of randomSplit(new TextEncoder().encode(text), seed)) {
    for (const event of parser.push(piece)) out.push(...converter.push(event))
  }
  for (const event of parser.end()) out.push(...converter.push(event))
  out.push(...converter.end())
  return out
}

export function encodeAll(events: readonly SseEvent[]): string {
  return events.map(encodeSseEvent).join("")
}

/** JSON payloads of converted events, `[DONE]` left out. */
export function payloads(events: readonly SseEvent[]): any[] {
  return events.filter((event) => event.data !== "[DONE]").map((event) => JSON.parse(event.data))
}

/** An SSE document from a list of JSON payloads (Responses events are named by their type). */
export function sseOf(values: readonly unknown[], named = false): string {
  return values
    .map((value) => encodeSseEvent(named ? { event: (value as { type: string }).type, data: JSON.stringify(value) } : { data: JSON.stringify(value) }))
    .join("")
}
