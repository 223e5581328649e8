import { encodeSseEvent } from "~/formats/sse/encode"
import type { FormatId, SseEvent } from "~/formats/types"

/** Whether `event` is the one that properly ends a stream of `format`. */
export function isTerminalEvent(format: FormatId, event: SseEvent): boolean {
  if (format === "anthropic.messages") return event.event === "message_stop" || event.event === "error"
  if (format === "openai.responses") return /^(response\.(completed|incomplete|failed)|error)$/.test(event.event ?? "")
  return event.data === "[DONE]" || event.data.startsWith('{"error"')
}

/**
 * The event that tells a client of `format` its stream failed, so a cut upstream never looks
 * like a complete, shorter answer: Anthropic `error`, OpenAI Chat an `error` chunk (the SDK
 * throws on it), Responses `response.failed`.
 */
export function streamErrorEvent(format: FormatId, message: string, last: { responseId?: string; sequence?: number } = {}): SseEvent {
  if (format === "anthropic.messages") return { event: "error", data: JSON.stringify({ type: "error", error: { type: "api_error", message } }) }
  if (format === "openai.chat_completions") return { data: JSON.stringify({ error: { message, type: "api_error", code: "stream_interrupted" } }) }
  const response = { id: last.responseId ?? `resp_${crypto.randomUUID().replaceAll("-", "")}`, object: "response", status: "failed", error: { code: "server_error", message }, output: [] }
  return { event: "response.failed", data: JSON.stringify({ type: "response.failed", sequence_number: (last.sequence ?? -1) + 1, response }) }
}

export function streamErrorText(format: FormatId, message: string, last: { responseId?: string; sequence?: number } = {}): string {
  return encodeSseEvent(streamErrorEvent(format, message, last))
}
