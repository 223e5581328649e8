/** Request fields Chat Completions and Responses both have, with the same meaning: copied as they are, either way. */
export const OPENAI_SHARED_FIELDS = [
  "temperature",
  "top_p",
  "parallel_tool_calls",
  "store",
  "user",
  "safety_identifier",
  "prompt_cache_key",
  "metadata",
  "service_tier",
] as const

/** Copies the shared fields that are set (not null or undefined) from one OpenAI request to the other. */
export function copyOpenAISharedFields(from: object, to: object): void {
  const source = from as Record<string, unknown>
  for (const field of OPENAI_SHARED_FIELDS) if (source[field] != null) (to as Record<string, unknown>)[field] = source[field]
}
