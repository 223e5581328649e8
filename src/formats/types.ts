/**
 * Shared vocabulary of the pure format library. Nothing in src/formats does I/O,
 * logs, or imports from the server or plugins.
 */

/** The three wire formats ccproxy speaks, by their registry ids. */
export type FormatId = "anthropic.messages" | "openai.chat_completions" | "openai.responses"

export const FORMAT_IDS: readonly FormatId[] = ["anthropic.messages", "openai.chat_completions", "openai.responses"]

/** What a conversion could not carry over exactly. Surfaced to users in a header and the log. */
export interface ConversionWarning {
  code: "field_dropped" | "unsupported" | "value_clamped" | "value_changed"
  /** JSON-path-like location in the source document, e.g. `messages[2].content[0]` or `temperature`. */
  path: string
  message: string
}

/**
 * Carried through every stage of one request's conversion.
 * `request` is the client's original request (in the client's format); response and
 * stream stages read it (for example `stream_options.include_usage`, the model name).
 */
export interface ConversionContext {
  warnings: ConversionWarning[]
  request?: unknown
}

export function createConversionContext(request?: unknown): ConversionContext {
  return { warnings: [], request }
}

/** One server-sent event as parsed from, or written to, the wire. */
export interface SseEvent {
  event?: string
  data: string
  id?: string
  retry?: number
}

/**
 * A stream converter: a state machine fed one upstream event at a time.
 * `push` returns the events to send downstream now; `end` flushes what the end of the
 * upstream stream implies (closing events, or an error event when the stream was cut).
 */
export interface StreamConverter {
  push(event: SseEvent): SseEvent[]
  /**
   * The upstream stream is over. `reason`, when the proxy knows why it stopped early (went
   * silent past the idle timeout, a network error), is the message of the error a cut stream
   * reports instead of the generic "ended before ...".
   */
  end(reason?: string): SseEvent[]
}

/** An HTTP error in a given format: the status to send and the JSON body. */
export interface ErrorResponse {
  status: number
  body: unknown
}

/**
 * Converts everything X-shaped into Y-shaped, for every stage.
 * For a client speaking Y against a provider speaking X, the server uses the (Y→X)
 * adapter's convertRequest and the (X→Y) adapter's convertResponse, convertStream and
 * convertError.
 */
export interface FormatAdapter {
  from: FormatId
  to: FormatId
  convertRequest(request: unknown, ctx: ConversionContext): unknown
  convertResponse(response: unknown, ctx: ConversionContext): unknown
  convertStream(ctx: ConversionContext): StreamConverter
  convertError(error: ErrorResponse, ctx: ConversionContext): ErrorResponse
}
