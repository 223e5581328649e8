import { createHash } from "node:crypto"

/**
 * Deterministic tool-call id sanitising. The same input always yields the same output, so
 * a call and its result, converted in different turns, still match; valid ids pass unchanged.
 */

/** The Responses API rejects `call_id`s longer than 64 characters. */
export const RESPONSES_CALL_ID_MAX = 64

const ANTHROPIC_TOOL_ID = /^[a-zA-Z0-9_-]+$/

function digest(id: string, length: number): string {
  return createHash("sha256").update(id).digest("hex").slice(0, length)
}

/** An id the Responses API accepts as `call_id`: unchanged when ≤ 64 chars, else `call_` + a hash. */
export function toResponsesCallId(id: string): string {
  if (id.length > 0 && id.length <= RESPONSES_CALL_ID_MAX) return id
  return `call_${digest(id, 40)}`
}

/** An id Anthropic accepts for `tool_use.id` (`^[a-zA-Z0-9_-]+$`): unchanged when valid, else `toolu_` + a hash. */
export function toAnthropicToolUseId(id: string): string {
  if (ANTHROPIC_TOOL_ID.test(id) && id.length <= RESPONSES_CALL_ID_MAX) return id
  return `toolu_${digest(id, 40)}`
}
