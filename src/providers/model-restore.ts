const MODEL_FIELD = /"model":"(?:[^"\\]|\\.)*"/g

/**
 * Puts the model name the client asked for back into encoded SSE text. Only top-level JSON
 * keys match: a `"model":"..."` inside a string value is escaped (`\"model\"`) and left alone.
 */
export function restoreModelInText(text: string, requestedModel: string): string {
  const replacement = `"model":${JSON.stringify(requestedModel)}`
  return text.replace(MODEL_FIELD, () => replacement)
}

/** The same for a JSON response body: its `model`, and a Responses envelope's. */
export function restoreModelInJson(body: unknown, requestedModel: string): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body
  const copy = { ...(body as Record<string, unknown>) }
  if ("model" in copy) copy.model = requestedModel
  return copy
}
