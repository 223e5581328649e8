import type { FormatId } from "~/formats/types"

/** The API format a path speaks, which decides the shape of its error bodies. */
export function formatForPath(pathname: string): FormatId | undefined {
  if (/\/messages(\/count_tokens)?\/?$/.test(pathname)) return "anthropic.messages"
  if (/\/chat\/completions\/?$/.test(pathname)) return "openai.chat_completions"
  if (/\/responses(\/[^/]+)?\/?$/.test(pathname)) return "openai.responses"
  return undefined
}
