import type { FormatId } from "./types"

/**
 * Thrown by a converter when a request cannot be honoured at all (for example n>1).
 * The server renders it as a 400 invalid_request_error in the client's format.
 */
export class ConversionError extends Error {
  readonly status = 400
  readonly type = "invalid_request_error"
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message)
    this.name = "ConversionError"
  }
}

/**
 * Thrown by a response converter when the upstream body does not have the shape its format
 * promises (no `content` / `choices` / `output` array, an item that is not an object, …).
 * The server renders it as a 502 api_error: the upstream answered, but not usably.
 */
export class UpstreamFormatError extends Error {
  readonly status = 502
  readonly type = "api_error"
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = "UpstreamFormatError"
  }
}

/** Error types shared by the Anthropic and OpenAI vocabularies, keyed by HTTP status. */
export function errorTypeForStatus(status: number): string {
  if (status === 400 || status === 404 || status === 413 || status === 422) return "invalid_request_error"
  if (status === 401) return "authentication_error"
  if (status === 403) return "permission_error"
  if (status === 429) return "rate_limit_error"
  if (status === 529 || status === 503) return "overloaded_error"
  return "api_error"
}

/**
 * The error body a client of `format` expects.
 * Anthropic: `{"type":"error","error":{"type","message"}}`;
 * OpenAI (chat and responses): `{"error":{"message","type","param","code"}}`.
 */
export function errorBody(
  format: FormatId,
  status: number,
  message: string,
  type: string = errorTypeForStatus(status),
  param: string | null = null,
): unknown {
  if (format === "anthropic.messages") return { type: "error", error: { type, message } }
  const openAIType = type === "overloaded_error" ? "api_error" : type === "not_found_error" ? "invalid_request_error" : type
  return { error: { message, type: openAIType, param, code: null } }
}
