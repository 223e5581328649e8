import { anthropicErrorEvent, chatErrorChunk, responsesErrorEvent, responsesFailureEvents, type StreamFailure } from "~/formats/shared/stream-failure"
import { DONE_EVENT, encodeSseEvent, jsonEvent } from "~/formats/sse/encode"
import type { FormatId, SseEvent } from "~/formats/types"

const RESPONSES_TERMINAL = new Set(["response.completed", "response.incomplete", "response.failed", "error"])

/** The number after `"sequence_number":` in a Responses event's JSON, without a regex per event. */
function sequenceNumber(data: string): number | undefined {
  const at = data.indexOf('"sequence_number":')
  if (at < 0) return undefined
  let i = at + 18
  while (data.charCodeAt(i) === 32) i++
  let value = 0
  const start = i
  for (let code = data.charCodeAt(i); code >= 48 && code <= 57; code = data.charCodeAt(++i)) value = value * 10 + code - 48
  return i > start ? value : undefined
}

/** Whether `event` is the one that properly ends a stream of `format`. */
export function isTerminalEvent(format: FormatId, event: SseEvent): boolean {
  if (format === "anthropic.messages") return event.event === "message_stop" || event.event === "error"
  if (format === "openai.responses") return event.event !== undefined && RESPONSES_TERMINAL.has(event.event)
  return event.data === "[DONE]" || event.data.startsWith('{"error"')
}

/**
 * What tells a client of `format` its stream failed, so a cut upstream never looks like a
 * complete, shorter answer (shapes: src/formats/shared/stream-failure.ts). A Responses
 * failure continues the stream's response id and sequence numbers when they are known.
 */
export function streamErrorEvents(format: FormatId, message: string, last: { responseId?: string; sequence?: number } = {}): SseEvent[] {
  if (format === "anthropic.messages") return [anthropicErrorEvent({ message })]
  if (format === "openai.chat_completions") return [jsonEvent(chatErrorChunk({ message, code: "stream_interrupted" })), DONE_EVENT]
  const response = { id: last.responseId ?? `resp_${crypto.randomUUID().replaceAll("-", "")}`, object: "response", output: [] }
  return responsesFailureEvents({ message }, response, (last.sequence ?? -1) + 1)
}

export function streamErrorText(format: FormatId, message: string, last: { responseId?: string; sequence?: number } = {}): string {
  return streamErrorEvents(format, message, last).map(encodeSseEvent).join("")
}

/**
 * Follows a same-format stream (passthrough, or re-encoded to restore a model name) for how it
 * must end: whether its terminal event came, and for Responses the id and sequence number to
 * continue from, and an upstream failure the openai SDK would not throw on (`response.failed`,
 * or an `error` without the nested `error` object), which then gets an `error` event after it.
 */
export class SameFormatStreamEnd {
  terminal = false
  private responseId: string | undefined
  private sequence: number | undefined
  private unthrown: StreamFailure | undefined
  private sdkThrew = false

  constructor(private readonly format: FormatId) {}

  see(event: SseEvent): void {
    if (isTerminalEvent(this.format, event)) this.terminal = true
    if (this.format !== "openai.responses") return
    const seq = sequenceNumber(event.data)
    if (seq !== undefined) this.sequence = seq
    this.responseId ??= /"id":"(resp_[^"]+)"/.exec(event.data)?.[1]
    if (event.event !== "response.failed" && event.event !== "error") return
    const failure = failureTheSdkIgnores(event)
    if (failure === undefined) this.sdkThrew = true
    else this.unthrown ??= failure
  }

  /** The events to send once the upstream stream is over; `reason` says why it stopped early, when known. */
  closing(reason?: string): SseEvent[] {
    const last = { responseId: this.responseId, sequence: this.sequence }
    if (!this.terminal) return streamErrorEvents(this.format, reason ?? "The upstream stream ended before it was complete", last)
    return this.unthrown && !this.sdkThrew ? [responsesErrorEvent(this.unthrown, (this.sequence ?? -1) + 1)] : []
  }
}

/** The failure a Responses `response.failed` or `error` event reports, unless it already carries the `error` object the SDK throws on. */
function failureTheSdkIgnores(event: SseEvent): StreamFailure | undefined {
  let data: { error?: unknown; message?: unknown; code?: unknown; response?: { error?: { message?: unknown; code?: unknown } | null } }
  try {
    data = JSON.parse(event.data)
  } catch {
    return { message: "upstream sent a stream event that is not JSON" }
  }
  if (data?.error) return undefined
  const source = event.event === "response.failed" ? (data?.response?.error ?? {}) : data ?? {}
  const message = typeof source.message === "string" ? source.message : "The upstream response failed"
  return { message, code: typeof source.code === "string" ? source.code : undefined }
}
