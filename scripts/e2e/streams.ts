/**
 * Upstream answers for the real-client scenarios: recorded streams from test/fixtures/upstream
 * (or $CCPROXY_E2E_FIXTURES), replayed verbatim or with their tool calls retargeted to a tool
 * the client really has (Claude Code's `Bash`, the Codex CLI's `exec_command`).
 */
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { SseParser } from "~/formats/sse/parse"

const FIXTURES = process.env.CCPROXY_E2E_FIXTURES ?? resolve(import.meta.dir, "../../test/fixtures/upstream")

/** A recorded upstream stream, as the SSE text it was saved in. */
export function recorded(name: string): string {
  return readFileSync(join(FIXTURES, "recorded", name), "utf8")
}

type Json = Record<string, any>

/**
 * A recording kept as one JSON event per line (vercel/ai's `.chunks.txt`), as SSE named by type;
 * one stream per `response.created` (such files hold a whole multi-turn conversation).
 */
export function recordedJsonLineStreams(name: string): string[] {
  const streams: Json[][] = []
  for (const line of recorded(name).split("\n")) {
    if (!line.trim()) continue
    const data = JSON.parse(line) as Json
    if (data.type === "response.created" || !streams.length) streams.push([])
    streams.at(-1)!.push(data)
  }
  return streams.map((events) => encode(events.map((data) => ({ event: data.type, data }))))
}

/** `sse` with `extra` events spliced in after its first event (to add events a backend may send). */
export function withEventsAfterFirst(sse: string, extra: Json[]): string {
  const cut = sse.indexOf("\n\n") + 2
  return sse.slice(0, cut) + encode(extra.map((data) => ({ event: data.type, data }))) + sse.slice(cut)
}

/** `sse` up to (not including) the first event of `type`, then `ending` (a mid-stream failure). */
export function cutBefore(sse: string, type: string, ending: Json[]): string {
  const parser = new SseParser()
  const events = [...parser.push(sse), ...parser.end()].map((raw) => ({ event: raw.event, data: JSON.parse(raw.data) as Json }))
  const index = events.findIndex((event) => event.data.type === type)
  return encode([...events.slice(0, index === -1 ? events.length : index), ...ending.map((data) => ({ event: data.type, data }))])
}

/** Re-encodes events as SSE, keeping each event's name. */
function encode(events: Array<{ event?: string; data: Json }>): string {
  return events.map(({ event, data }) => `${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`).join("")
}

/**
 * Every tool call in an Anthropic Messages or Responses stream becomes a call of `name` with
 * `input`: the first argument delta of each call carries the whole JSON, later ones are empty.
 */
export function retargetToolCalls(sse: string, name: string, input: Json): string {
  const args = JSON.stringify(input)
  const started = new Set<string>()
  const firstDelta = (key: string) => (started.has(key) ? "" : (started.add(key), args))
  const retargetItem = (item: Json) => (item?.type === "function_call" ? { ...item, name, arguments: item.status === "in_progress" ? "" : args } : item)
  const parser = new SseParser()
  const events = [...parser.push(sse), ...parser.end()].map((raw) => {
    const data = JSON.parse(raw.data) as Json
    switch (data.type) {
      case "content_block_start":
        if (data.content_block?.type === "tool_use") data.content_block = { ...data.content_block, name, input: {} }
        break
      case "content_block_delta":
        if (data.delta?.type === "input_json_delta") data.delta = { ...data.delta, partial_json: firstDelta(`block-${data.index}`) }
        break
      case "response.output_item.added":
      case "response.output_item.done":
        data.item = retargetItem(data.item)
        break
      case "response.function_call_arguments.delta":
        data.delta = firstDelta(`item-${data.item_id}`)
        break
      case "response.function_call_arguments.done":
        data.arguments = args
        break
      case "response.completed":
        data.response = { ...data.response, output: (data.response?.output ?? []).map(retargetItem) }
        break
    }
    return { event: raw.event, data }
  })
  return encode(events)
}

/** Text the recorded streams answer with, looked for in the clients' output. */
export const EXPECTED = {
  /** anthropic-thinking-tool_use.1 (text after the tool result) */
  anthropicText: "The current weather in Florence",
  /** anthropic-thinking-tool_use.0 (thinking before the tool call) */
  anthropicThinking: "weather information for Florence",
  /** codex_responses_stream */
  codexText: "How can I help you today?",
  /** codex_responses_thinking_stream: reasoning summary, then text */
  codexThinking: "Calculating factorials",
  codexThinkingText: "Factorial means multiply",
  /** vercel-ai.openai-reasoning-encrypted-content, last turn */
  encryptedLastText: "The final result is **570**.",
}
