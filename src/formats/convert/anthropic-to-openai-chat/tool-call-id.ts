/**
 * Tool call ids cross formats with different rules: Anthropic tool_use ids must match
 * ^[a-zA-Z0-9_-]+$, OpenAI Chat ids may be at most 40 characters. Ids that break a rule are
 * rewritten deterministically (same input, same output), so a tool call and its result,
 * converted in different turns, still match. Ids already valid pass unchanged.
 */
const ANTHROPIC_ID = /^[a-zA-Z0-9_-]+$/
const ANTHROPIC_MAX_LENGTH = 64
const OPENAI_MAX_LENGTH = 40

export function toAnthropicToolUseId(id: string): string {
  if (ANTHROPIC_ID.test(id) && id.length <= ANTHROPIC_MAX_LENGTH) return id
  return rewrite(id, ANTHROPIC_MAX_LENGTH)
}

export function toOpenAIToolCallId(id: string): string {
  if (id.length > 0 && id.length <= OPENAI_MAX_LENGTH) return id
  return rewrite(id, OPENAI_MAX_LENGTH)
}

/** Keeps a readable cleaned prefix and appends a hash of the original so distinct ids stay distinct. */
function rewrite(id: string, maxLength: number): string {
  const hash = fnv1a(id)
  const cleaned = id.replace(/[^a-zA-Z0-9_-]/g, "_")
  const prefix = cleaned.length > 0 ? cleaned : "tool"
  return `${prefix.slice(0, maxLength - hash.length - 1)}_${hash}`
}

/** 64-bit FNV-1a as 16 hex characters (two 32-bit lanes with different offsets). */
function fnv1a(text: string): string {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000193) >>> 0
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0")
}
