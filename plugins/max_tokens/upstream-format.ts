export type UpstreamFormat = "anthropic" | "chat" | "responses" | "unknown"

const BY_FORMAT_ID: Record<string, UpstreamFormat> = {
  "anthropic.messages": "anthropic",
  "openai.chat_completions": "chat",
  "openai.responses": "responses",
}

function pathOf(url: unknown): string {
  try {
    return new URL(String(url)).pathname.replace(/\/+$/, "")
  } catch {
    return ""
  }
}

/** The body's wire format: from the hook's `provider_format`, else the upstream URL, else the body's shape. */
export function upstreamFormat(data: Record<string, unknown>, body: Record<string, unknown>): UpstreamFormat {
  const known = BY_FORMAT_ID[String(data.provider_format)]
  if (known) return known
  const path = pathOf(data.url)
  if (path.endsWith("/messages")) return "anthropic"
  if (path.endsWith("/chat/completions")) return "chat"
  if (path.endsWith("/responses")) return "responses"
  if ("input" in body || "instructions" in body) return "responses"
  return "unknown"
}
