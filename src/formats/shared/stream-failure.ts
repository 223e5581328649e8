import { errorBody } from "../errors"
import { jsonEvent } from "../sse/encode"
import type { SseEvent } from "../types"

/**
 * How a client of each format is told that its stream failed (an upstream error event, a cut
 * or silent upstream, a conversion fault): the one place deciding these shapes, for the
 * converters and for the server's stream end (src/providers/stream-end.ts). Each one makes
 * the official SDK throw instead of returning a shorter answer.
 */
export interface StreamFailure {
  message: string
  /** The error type in the client format's vocabulary. */
  type?: string
  code?: string | null
}

/** Anthropic `event: error`: the SDK throws APIError on the event name. */
export function anthropicErrorEvent({ message, type = "api_error" }: StreamFailure): SseEvent {
  return jsonEvent(errorBody("anthropic.messages", 500, message, type), "error")
}

export interface ChatErrorChunk {
  error: { message: string; type: string; param: null; code: string | null }
}

/**
 * A Chat chunk that is only `{"error":{message,type,param,code}}`, as OpenAI sends mid-stream:
 * the openai SDK throws APIError on any chunk with an `error`; the Vercel AI SDK reads a chunk
 * with `choices` as an ordinary one and drops the error, so there are none. `[DONE]` follows.
 */
export function chatErrorChunk({ message, type = "api_error", code = null }: StreamFailure): ChatErrorChunk {
  const { error } = errorBody("openai.chat_completions", 500, message, type) as { error: { message: string; type: string; param: null } }
  return { error: { ...error, code } }
}

/**
 * The Responses `error` event with the documented flat `code`/`message`/`param` and the nested
 * `error` object the live API sends: the openai SDK throws APIError only on a payload with an
 * `error` field (`responses.create({stream:true})` and `responses.stream()` alike).
 * @see https://github.com/openai/openai-dotnet/issues/881
 */
export function responsesErrorEvent({ message, type = "server_error", code }: StreamFailure, sequence: number): SseEvent {
  const errorCode = code ?? "server_error"
  return jsonEvent({ type: "error", sequence_number: sequence, code: errorCode, message, param: null, error: { type, code: errorCode, message, param: null } }, "error")
}

/**
 * A failed Responses stream ends with `error` (the openai SDK throws on it), then
 * `response.failed` carrying `response` with `status:"failed"` and `error {code,message}` (the
 * Codex CLI reports that one and skips `error`). Uses sequence numbers `sequence` and `sequence + 1`.
 */
export function responsesFailureEvents(failure: StreamFailure, response: Record<string, unknown>, sequence: number): SseEvent[] {
  const code = failure.code ?? "server_error"
  return [
    responsesErrorEvent({ ...failure, code }, sequence),
    jsonEvent({ type: "response.failed", sequence_number: sequence + 1, response: { ...response, status: "failed", error: { code, message: failure.message } } }, "response.failed"),
  ]
}
