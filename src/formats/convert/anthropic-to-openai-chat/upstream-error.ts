import { isRecord } from "./warn"

/**
 * The message and type inside any upstream error body: Anthropic `{type:"error",error:{type,message}}`,
 * OpenAI `{error:{message,type,code}}`, FastAPI `{detail}`, OAuth `{error, error_description}`,
 * a bare `{message}`, or plain text.
 */
export function readUpstreamError(body: unknown): { message: string; type?: string } {
  if (typeof body === "string") return { message: body.length > 0 ? body : "upstream error" }
  if (!isRecord(body)) return { message: "upstream error" }
  const error = body.error
  if (isRecord(error)) {
    const message = typeof error.message === "string" ? error.message : JSON.stringify(error)
    const type = typeof error.type === "string" ? error.type : typeof error.code === "string" ? error.code : undefined
    return { message, type }
  }
  if (typeof error === "string") {
    return { message: typeof body.error_description === "string" ? `${error}: ${body.error_description}` : error }
  }
  const detail = body.detail
  if (typeof detail === "string") return { message: detail }
  if (detail !== undefined) return { message: JSON.stringify(detail) }
  if (typeof body.message === "string") return { message: body.message, type: typeof body.type === "string" ? body.type : undefined }
  return { message: JSON.stringify(body) }
}
