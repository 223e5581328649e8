import { errorBody, errorTypeForStatus } from "../../errors"
import type { ConversionContext, ErrorResponse } from "../../types"
import { mapAnthropicErrorType } from "./map-anthropic-error-type"

/**
 * Anthropic error → OpenAI error, status kept. Non-Anthropic bodies (FastAPI `{"detail"}`,
 * plain text) are read too, so an upstream 4xx never turns into a 502.
 */
export function convertAnthropicErrorToResponses(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  const { type, message } = readError(error.body)
  const mapped = mapAnthropicErrorType(type ?? errorTypeForStatus(error.status), message)
  const body = errorBody("openai.responses", error.status, message, mapped.type) as { error: Record<string, unknown> }
  body.error.code = mapped.code
  return { status: error.status, body }
}

function readError(body: unknown): { type?: string; message: string } {
  if (typeof body === "string") return { message: body || "upstream error" }
  if (typeof body !== "object" || body === null) return { message: "upstream error" }
  const record = body as Record<string, unknown>
  const nested = record.error
  if (typeof nested === "object" && nested !== null) {
    const err = nested as Record<string, unknown>
    return { type: typeof err.type === "string" ? err.type : undefined, message: typeof err.message === "string" ? err.message : JSON.stringify(err) }
  }
  if (typeof record.detail === "string") return { message: record.detail }
  if (typeof record.message === "string") return { message: record.message }
  return { message: JSON.stringify(body) }
}
