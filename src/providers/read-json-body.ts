import { InvalidRequestError } from "~/core/errors"
import { readLimitedBody } from "~/server/limited-body"
import { decodeRequestBody } from "./decode-body"

const decoder = new TextDecoder()

/** The client's JSON object body (decompressed if encoded), or a 400/413/415 that says what is wrong with it. */
export async function readJsonBody(request: Request, maxBytes = Infinity): Promise<Record<string, unknown>> {
  const raw = await readLimitedBody(request, maxBytes)
  const text = decoder.decode(decodeRequestBody(raw, request.headers.get("content-encoding"), maxBytes))
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
