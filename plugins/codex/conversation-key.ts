import { createHash } from "node:crypto"

type Json = Record<string, unknown>

function uuidShaped(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * A key that stays the same for every turn of one conversation: a hash of the instructions
 * and the first user item, which later turns repeat unchanged. Used as `prompt_cache_key`
 * (and session id) when the client sends none; a random key per request would defeat the
 * backend's prompt cache (ccproxy-api #61).
 */
export function conversationKey(body: Json): string {
  const input = Array.isArray(body.input) ? (body.input as Json[]) : []
  const firstUser = input.find((item) => item?.role === "user")
  const hash = createHash("sha256")
    .update(String(body.instructions ?? ""))
    .update("\u0000")
    .update(JSON.stringify(firstUser?.content ?? null))
    .digest("hex")
  return uuidShaped(hash)
}
