/**
 * Format-conversion micro-benchmark: `bun scripts/bench/formats.ts`.
 * Reports each registered stream direction's throughput on the recorded upstream streams
 * and each request conversion's time for the large Claude Code request.
 */
import { readdirSync, readFileSync } from "node:fs"
import { basename } from "node:path"
import { parseSse } from "../../src/formats/sse/parse"
import { createConversionContext, type FormatAdapter, type FormatId, type SseEvent } from "../../src/formats/types"

const ROOT = `${import.meta.dir}/../..`
const FIXTURES = `${ROOT}/test/fixtures/upstream`
const DIRECTIONS = [
  "anthropic-to-openai-chat",
  "anthropic-to-openai-responses",
  "openai-chat-to-anthropic",
  "openai-chat-to-openai-responses",
  "openai-responses-to-anthropic",
  "openai-responses-to-openai-chat",
]
/** Recorded upstream streams, by the format they are in. */
const STREAM_PREFIXES: Record<FormatId, string[]> = {
  "anthropic.messages": ["anthropic-", "ccproxy-api.claude_messages"],
  "openai.chat_completions": ["openai-chat-", "ccproxy-api.copilot_chat"],
  "openai.responses": ["openai-responses-", "ccproxy-api.codex_responses"],
}
const MIN_MS = 300

async function loadAdapters(): Promise<Map<string, FormatAdapter>> {
  const adapters = new Map<string, FormatAdapter>()
  for (const direction of DIRECTIONS) {
    try {
      const module = (await import(`${ROOT}/src/formats/convert/${direction}/index.ts`)) as { adapter?: FormatAdapter }
      if (module.adapter) adapters.set(direction, module.adapter)
    } catch {
      console.log(`skip ${direction}: not available`)
    }
  }
  return adapters
}

interface RecordedStream {
  name: string
  bytes: number
  events: SseEvent[]
}

function recordedStreams(format: FormatId): RecordedStream[] {
  return readdirSync(`${FIXTURES}/recorded`)
    .filter((file) => file.endsWith(".sse") && STREAM_PREFIXES[format].some((prefix) => file.startsWith(prefix)))
    .map((file) => {
      const text = readFileSync(`${FIXTURES}/recorded/${file}`, "utf8")
      return { name: file, bytes: Buffer.byteLength(text), events: parseSse(text) }
    })
}

/** Runs `work` until MIN_MS have passed; returns iterations and elapsed milliseconds. */
function measure(work: () => void): { iterations: number; ms: number } {
  for (let i = 0; i < 3; i++) work()
  const start = performance.now()
  let iterations = 0
  while (performance.now() - start < MIN_MS) {
    work()
    iterations++
  }
  return { iterations, ms: performance.now() - start }
}

function benchStream(direction: string, adapter: FormatAdapter): void {
  const streams = recordedStreams(adapter.from)
  if (streams.length === 0) return
  const eventCount = streams.reduce((sum, stream) => sum + stream.events.length, 0)
  const byteCount = streams.reduce((sum, stream) => sum + stream.bytes, 0)
  const request = { model: "bench", stream: true, stream_options: { include_usage: true } }
  try {
    const { iterations, ms } = measure(() => {
      for (const stream of streams) {
        const converter = adapter.convertStream(createConversionContext(request))
        for (const event of stream.events) converter.push(event)
        converter.end()
      }
    })
    const seconds = ms / 1000
    const eventsPerSecond = (eventCount * iterations) / seconds
    const mbPerSecond = (byteCount * iterations) / seconds / 1e6
    console.log(
      `stream  ${direction.padEnd(34)} ${streams.length} streams, ${eventCount} events: ${Math.round(eventsPerSecond).toLocaleString("en")} events/s, ${mbPerSecond.toFixed(1)} MB/s`,
    )
  } catch (error) {
    console.log(`stream  ${direction.padEnd(34)} failed: ${(error as Error).message}`)
  }
}

/** The Claude Code request in `format`, converted from Anthropic when an adapter allows. */
function requestIn(format: FormatId, anthropicRequest: unknown, adapters: Map<string, FormatAdapter>): unknown {
  if (format === "anthropic.messages") return anthropicRequest
  const toFormat = [...adapters.values()].find((a) => a.from === "anthropic.messages" && a.to === format)
  return toFormat?.convertRequest(anthropicRequest, createConversionContext(anthropicRequest))
}

function benchRequest(direction: string, adapter: FormatAdapter, request: unknown): void {
  if (request === undefined) {
    console.log(`request ${direction.padEnd(34)} skipped: no way to build a ${adapter.from} request`)
    return
  }
  try {
    const { iterations, ms } = measure(() => adapter.convertRequest(request, createConversionContext(request)))
    console.log(`request ${direction.padEnd(34)} ${((ms / iterations) * 1000).toFixed(1)} µs per conversion`)
  } catch (error) {
    console.log(`request ${direction.padEnd(34)} failed: ${(error as Error).message}`)
  }
}

const adapters = await loadAdapters()
for (const [direction, adapter] of adapters) benchStream(direction, adapter)
const claudeCodeFile = readdirSync(`${FIXTURES}/requests`).find((file) => file.startsWith("claude-code-") && file.includes("tool-roundtrip"))
  ?? readdirSync(`${FIXTURES}/requests`).find((file) => file.startsWith("claude-code-"))
if (claudeCodeFile) {
  const recorded = (await Bun.file(`${FIXTURES}/requests/${claudeCodeFile}`).json()) as { body?: unknown }
  const anthropicRequest = recorded.body ?? recorded
  console.log(`request fixture: ${basename(claudeCodeFile)} (${JSON.stringify(anthropicRequest).length.toLocaleString("en")} bytes)`)
  for (const [direction, adapter] of adapters) benchRequest(direction, adapter, requestIn(adapter.from, anthropicRequest, adapters))
}
