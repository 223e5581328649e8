import { InvalidRequestError } from "~/core/errors"

/** The client's JSON object body, or a 400 that says what is wrong with it. */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text()
  if (text.trim() === "") throw new InvalidRequestError("Request body is empty; expected a JSON object")
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new InvalidRequestError(`Request body is not valid JSON: ${(error as Error).message}`)
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidRequestError("Request body must be a JSON object")
  return body as Record<string, unknown>
}
