import { InvalidRequestError } from "~/core/errors"
import { decodeRequestBody } from "./decode-body"

/** The client's JSON object body (decompressed if encoded), or a 400/413/415 that says what is wrong with it. */
export async function readJsonBody(request: Request, maxBytes = Infinity): Promise<Record<string, unknown>> {
  let raw: Uint8Array
  try {
    raw = new Uint8Array(await request.arrayBuffer())
  } catch (error) {
    // Bun's own cut (a chunked body past maxRequestBodySize): a 413 the client already got from
    // Bun, not a server error to log as one.
    if (/maxRequestBodySize/.test((error as Error)?.message ?? "")) throw new InvalidRequestError(`Request body exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
    throw error
  }
  if (raw.byteLength > maxBytes) throw new InvalidRequestError(`Request body of ${raw.byteLength} bytes exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
  const text = new TextDecoder().decode(decodeRequestBody(raw, request.headers.get("content-encoding"), maxBytes))
  if (text.trim() === "") throw new InvalidRequestError("Request body is empty; expected a JSON object")
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof RangeError ? "it is nested too deeply" : (error as Error).message
    throw new InvalidRequestError(`Request body is not valid JSON: ${reason}`)
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidRequestError("Request body must be a JSON object")
  return body as Record<string, unknown>
}
