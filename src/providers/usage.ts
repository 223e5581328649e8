import type { FormatId, SseEvent } from "~/formats/types"

/** Token counts as hooks and metrics report them. */
export interface Usage {
  model?: string
  tokens_input?: number
  tokens_output?: number
  tokens_cache_read?: number
  tokens_cache_write?: number
  tokens_reasoning?: number
}

type Json = Record<string, any>

const num = (value: unknown) => (typeof value === "number" ? value : undefined)

/** Usage from a complete (non-stream) response body of `format`. */
export function usageFromResponse(format: FormatId, body: unknown): Usage {
  const json = (body ?? {}) as Json
  const usage = (json.usage ?? {}) as Json
  if (format === "anthropic.messages") {
    return { model: json.model, tokens_input: num(usage.input_tokens), tokens_output: num(usage.output_tokens), tokens_cache_read: num(usage.cache_read_input_tokens), tokens_cache_write: num(usage.cache_creation_input_tokens) }
  }
  if (format === "openai.chat_completions") {
    return { model: json.model, tokens_input: num(usage.prompt_tokens), tokens_output: num(usage.completion_tokens), tokens_cache_read: num(usage.prompt_tokens_details?.cached_tokens), tokens_reasoning: num(usage.completion_tokens_details?.reasoning_tokens) }
  }
  return { model: json.model, tokens_input: num(usage.input_tokens), tokens_output: num(usage.output_tokens), tokens_cache_read: num(usage.input_tokens_details?.cached_tokens), tokens_reasoning: num(usage.output_tokens_details?.reasoning_tokens) }
}

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09

/**
 * The `usage` object of a JSON response without parsing the whole body, when `usage` is the
 * body's last top-level key, as the Anthropic and OpenAI APIs write it; undefined when it is
 * not (the caller then parses everything). The object must run from `"usage":` to the body's
 * last `}` but one and parse on its own: a `usage` key nested deeper is followed by more than
 * one closing bracket, a `"usage"` inside a string value cannot occur unescaped, and one that
 * ends a longer key (`"x\"usage"`) is not preceded by `{` or `,`.
 */
export function trailingUsage(text: string): Json | undefined {
  const key = text.lastIndexOf('"usage"')
  if (key < 0) return undefined
  // A key's opening quote follows `{` or `,`: after a backslash it is an escaped quote inside a
  // longer key (`"x\"usage"`), not the start of `usage`.
  let before = key - 1
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--
  const opener = text.charCodeAt(before)
  if (opener !== 0x2c /* , */ && opener !== 0x7b /* { */) return undefined
  let start = key + 7
  while (isSpace(text.charCodeAt(start))) start++
  if (text.charCodeAt(start) !== 0x3a /* : */) return undefined
  start++
  while (isSpace(text.charCodeAt(start))) start++
  let end = text.length - 1
  while (end > start && isSpace(text.charCodeAt(end))) end--
  if (text.charCodeAt(end) !== 0x7d /* } */) return undefined
  end--
  while (end > start && isSpace(text.charCodeAt(end))) end--
  if (text.charCodeAt(start) !== 0x7b /* { */ || text.charCodeAt(end) !== 0x7d) return undefined
  try {
    const usage = JSON.parse(text.slice(start, end + 1)) as unknown
    return usage !== null && typeof usage === "object" && !Array.isArray(usage) ? (usage as Json) : undefined
  } catch {
    return undefined
  }
}

const USAGE_EVENTS_RESPONSES = new Set(["response.created", "response.completed", "response.incomplete", "response.failed"])

/**
 * Reads usage from a stream's events on the side. Only the few events that carry usage
 * are parsed, so text deltas cost a string test each.
 */
export class StreamUsageObserver {
  private readonly collected: Usage = {}

  constructor(private readonly format: FormatId) {}

  observe(event: SseEvent): void {
    // Decided on the event name where the format names its events; Chat chunks are looked into
    // only for the model (until known) and a usage that is not null.
    const name = event.event
    if (this.format === "anthropic.messages") {
      if (name !== "message_start" && name !== "message_delta") return
    } else if (this.format === "openai.responses") {
      if (name === undefined || !USAGE_EVENTS_RESPONSES.has(name)) return
    } else {
      const data = event.data
      const hasUsage = data.includes('"usage"') && !/"usage":\s*null/.test(data)
      if (!hasUsage && (this.collected.model !== undefined || !data.includes('"model"'))) return
    }
    let json: Json
    try {
      json = JSON.parse(event.data)
    } catch {
      return
    }
    // Picked by its name, not its text: `data: null` must not throw and end the stream.
    if (json === null || typeof json !== "object") return
    if (this.format === "anthropic.messages") this.merge(usageFromResponse(this.format, json.message ?? { usage: json.usage }))
    else if (this.format === "openai.responses") this.merge(usageFromResponse(this.format, json.response))
    else this.merge(usageFromResponse(this.format, json))
  }

  usage(): Usage {
    return this.collected
  }

  private merge(usage: Usage) {
    for (const [key, value] of Object.entries(usage)) if (value !== undefined) (this.collected as Json)[key] = value
  }
}
