import { errorBody, errorTypeForStatus } from "../../errors"
import type { ConversionContext, ErrorResponse, FormatId } from "../../types"

interface OpenAIErrorFields {
  message: string
  type: string
  param: string | null
  code: string | number | null
}

/**
 * Reads an upstream error body of any shape: OpenAI `{"error":{...}}`, FastAPI-style
 * `{"detail": ...}` (the Codex backend), `{"message": ...}`, a bare string or anything else.
 */
export function readOpenAIError(status: number, body: unknown): OpenAIErrorFields {
  const fallback = { type: errorTypeForStatus(status), param: null, code: null }
  if (typeof body === "string") return { ...fallback, message: body || `upstream error (HTTP ${status})` }
  if (typeof body !== "object" || body === null) return { ...fallback, message: `upstream error (HTTP ${status})` }
  const record = body as Record<string, unknown>
  const error = record.error
  if (typeof error === "object" && error !== null) {
    const fields = error as Record<string, unknown>
    return {
      message: typeof fields.message === "string" ? fields.message : JSON.stringify(error),
      type: typeof fields.type === "string" ? fields.type : fallback.type,
      param: typeof fields.param === "string" ? fields.param : null,
      code: typeof fields.code === "string" || typeof fields.code === "number" ? fields.code : null,
    }
  }
  if (typeof error === "string") return { ...fallback, message: error }
  const detail = record.detail ?? record.message ?? record.error_description
  if (typeof detail === "string") return { ...fallback, message: detail }
  return { ...fallback, message: detail === undefined ? JSON.stringify(body) : JSON.stringify(detail) }
}

/** Chat and Responses share the error envelope; status and fields are kept, odd shapes normalised. */
export function convertOpenAIError(error: ErrorResponse, target: FormatId): ErrorResponse {
  const fields = readOpenAIError(error.status, error.body)
  const body = errorBody(target, error.status, fields.message, fields.type, fields.param) as { error: { code: unknown } }
  body.error.code = fields.code
  return { status: error.status, body }
}

export function convertResponsesErrorToChat(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  return convertOpenAIError(error, "openai.chat_completions")
}
