import { readFileSync } from "node:fs"
import { join } from "node:path"
import { encodeSseEvent } from "~/formats/sse/encode"
import { SseParser } from "~/formats/sse/parse"
import { createConversionContext, type ConversionContext, type SseEvent, type StreamConverter } from "~/formats/types"
import { randomSplit } from "../../helpers/random-split"

export const RECORDED = join(import.meta.dir, "../../fixtures/upstream/recorded")
export const REQUESTS = join(import.meta.dir, "../../fixtures/upstream/requests")

/** A recorded upstream stream as bytes; `.jsonl` files (one event per line) are turned into named SSE. */
export function recordedBytes(name: string): Uint8Array {
  const text = readFileSync(join(RECORDED, name), "utf8")
  if (!name.endsWith(".jsonl")) return new TextEncoder().encode(text)
  const sse = text
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => encodeSseEvent({ event: JSON.parse(line).type, data: line }))
    .join("")
  return new TextEncoder().encode(sse)
}

export function readJson(path: string): any {
  return JSON.parse(readFileSync(path, "utf8"))
}

/** Feeds bytes in pieces through the SSE parser and a converter; returns every output event. */
export function convertPieces(pieces: Uint8Array[], converter: StreamConverter): SseEvent[] {
  const parser = new SseParser()
  const out: SseEvent[] = []
  for (const piece of pieces) for (const event of parser.push(piece)) out.push(...converter.push(event))
  for (const event of parser.end()) out.push(...converter.push(event))
  out.push(...converter.end())
  return out
}

/** Runs a converter over random splits of `bytes`; returns the outputs per seed plus the context of the first. */
export function convertInRandomSplits(
  bytes: Uint8Array,
  create: (ctx: ConversionContext) => StreamConverter,
  request: unknown,
  seeds = [1, 2, 3, 42, 1234],
): { outputs: SseEvent[][]; ctx: ConversionContext } {
  const first = createConversionContext(request)
  const outputs = seeds.map((seed, i) => {
    const ctx = i === 0 ? first : createConversionContext(request)
    return convertPieces(randomSplit(bytes, seed, 1 + (seed % 97)), create(ctx))
  })
  return { outputs, ctx: first }
}

/** Output events with the volatile `created` timestamp zeroed, so runs can be compared. */
export function stable(events: SseEvent[]): SseEvent[] {
  return events.map((e) => ({ ...e, data: e.data.replace(/"created":\d+/g, '"created":0') }))
}

export function jsonData(events: SseEvent[]): any[] {
  return events.filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data))
}

export function toSseText(events: SseEvent[]): string {
  return events.map(encodeSseEvent).join("")
}
