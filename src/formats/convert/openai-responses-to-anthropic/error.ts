import { errorBody } from "../../errors"
import type { ConversionContext, ErrorResponse } from "../../types"
import { mapResponsesErrorType } from "./map-responses-error-type"

/**
 * OpenAI / Codex error → Anthropic error, status kept. Accepts `{"error":{message,type,code}}`,
 * FastAPI-style `{"detail": "..."}` (Codex backend) and anything else (its JSON as message).
 */
export function convertResponsesErrorToAnthropic(error: ErrorResponse, _ctx: ConversionContext): ErrorResponse {
  const { message, type, code } = readError(error.body)
  return { status: error.status, body: errorBody("anthropic.messages", error.status, message, mapResponsesErrorType(type, code, error.status)) }
}

function readError(body: unknown): { message: string; type?: string; code?: string } {
  if (typeof body === "string") return { message: body || "upstream error" }
  if (typeof body !== "object" || body === null) return { message: "upstream error" }
  const record = body as Record<string, unknown>
  const nested = record.error
  if (typeof nested === "object" && nested !== null) {
    const err = nested as Record<string, unknown>
    return {
      message: typeof err.message === "string" ? err.message : JSON.stringify(err),
      type: typeof err.type === "string" ? err.type : undefined,
      code: typeof err.code === "string" ? err.code : undefined,
    }
  }
  if (typeof nested === "string") return { message: nested }
  if (typeof record.detail === "string") return { message: record.detail }
  if (record.detail !== undefined) return { message: JSON.stringify(record.detail) }
  if (typeof record.message === "string") return { message: record.message }
  return { message: JSON.stringify(body) }
}
