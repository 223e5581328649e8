import { InvalidRequestError } from "~/core/errors"

/** The client's JSON object body, or a 400 (413 when over `maxBytes`) that says what is wrong with it. */
export async function readJsonBody(request: Request, maxBytes = Infinity): Promise<Record<string, unknown>> {
  const bytes = await request.arrayBuffer()
  if (bytes.byteLength > maxBytes) throw new InvalidRequestError(`Request body of ${bytes.byteLength} bytes exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
  const text = new TextDecoder().decode(bytes)
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
