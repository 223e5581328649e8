import { readFileSync } from "node:fs"
import { join } from "node:path"
import { SseParser } from "~/formats/sse/parse"
import { encodeSseEvent } from "~/formats/sse/encode"
import type { SseEvent, StreamConverter } from "~/formats/types"
import { randomSplit } from "../../helpers/random-split"

export const RECORDED = join(import.meta.dir, "../../fixtures/upstream/recorded")
export const REQUESTS = join(import.meta.dir, "../../fixtures/upstream/requests")

export function readRecorded(name: string): string {
  return readFileSync(join(RECORDED, name), "utf8")
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T
}

/** A `.chunks.jsonl` file (one event JSON a line, several streams back to back) as SSE texts, one per response. */
export function jsonlStreams(name: string, startType: string): string[] {
  const streams: string[] = []
  for (const line of readRecorded(name).split("\n")) {
    if (!line.trim()) continue
    const type = (JSON.parse(line) as { type: string }).type
    if (type === startType || streams.length === 0) streams.push("")
    streams[streams.length - 1] += `event: ${type}\ndata: ${line}\n\n`
  }
  return streams
}

/** Feeds SSE text, split into random byte pieces, through a converter; returns the converted events. */
export function runStream(converter: StreamConverter, sse: string, seed?: number): SseEvent[] {
  const bytes = new TextEncoder().encode(sse)
  const pieces = seed === undefined ? [bytes] : randomSplit(bytes, seed)
  const parser = new SseParser()
  const out: SseEvent[] = []
  for (const piece of pieces) for (const event of parser.push(piece)) out.push(...converter.push(event))
  for (const event of parser.end()) out.push(...converter.push(event))
  out.push(...converter.end())
  return out
}

export const encodeAll = (events: SseEvent[]): string => events.map(encodeSseEvent).join("")

export const payloads = (events: SseEvent[]): any[] => events.map((event) => JSON.parse(event.data))
