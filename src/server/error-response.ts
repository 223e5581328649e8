import { ProxyError } from "~/core/errors"
import { logger } from "~/core/log"
import { redactText } from "~/core/redact"
import { ConversionError, errorBody, UpstreamFormatError } from "~/formats/errors"
import type { FormatId } from "~/formats/types"

const log = logger("server")

interface ErrorDescription {
  status: number
  type: string
  message: string
  param?: string | null
}

/** Known error classes to status, type and a message safe to show the client. */
function describe(error: unknown): ErrorDescription {
  if (error instanceof ConversionError) return { status: error.status, type: error.type, message: error.message, param: error.param ?? null }
  if (error instanceof UpstreamFormatError) return { status: error.status, type: error.type, message: error.message }
  if (ProxyError.isInstance(error)) return { status: error.status, type: error.type, message: redactText(error.message) }
  const code = (error as { code?: unknown })?.code
  if (code === "NOT_FOUND") return { status: 404, type: "not_found_error", message: "Not found" }
  if (code === "PARSE") {
    // Elysia's parser wraps what reading the body threw: a body cut at server.max_body_bytes stays a 413.
    const cause = (error as Error).cause
    if (ProxyError.isInstance(cause)) return describe(cause)
    return { status: 400, type: "invalid_request_error", message: "Request body is not valid JSON" }
  }
  if (code === "VALIDATION") return { status: 400, type: "invalid_request_error", message: validationMessage(error) }
  const status = (error as { status?: unknown })?.status
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { status, type: status === 413 ? "request_too_large" : "invalid_request_error", message: (error as Error).message || "Bad request" }
  }
  return { status: 500, type: "api_error", message: "Internal proxy error; see the ccproxy log for details" }
}

function validationMessage(error: unknown): string {
  const all = (error as { all?: Array<{ path?: string; summary?: string; message?: string }> }).all
  const first = all?.[0]
  if (!first) return "Request body does not match the expected shape"
  return `Invalid request: ${first.path ? `${first.path.replace(/^\//, "").replaceAll("/", ".")}: ` : ""}${first.summary ?? first.message}`
}

/**
 * The one place where errors become HTTP responses: the body is in the shape of the
 * route's API (Anthropic on Anthropic routes, OpenAI on OpenAI routes), with the right status.
 */
export function errorResponse(error: unknown, format: FormatId | undefined, requestId?: string): Response {
  const description = describe(error)
  if (description.status >= 500) log.error("request failed", { request_id: requestId }, error)
  const body = errorBody(format ?? "openai.chat_completions", description.status, description.message, description.type, description.param ?? null)
  const headers: Record<string, string> = { "content-type": "application/json" }
  if (requestId) headers["x-request-id"] = requestId
  if (description.status === 401) headers["www-authenticate"] = 'Bearer realm="ccproxy"'
  return new Response(JSON.stringify(body), { status: description.status, headers })
}
