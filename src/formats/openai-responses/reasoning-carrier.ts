import { createHash } from "node:crypto"
import type { AnthropicRedactedThinkingBlock, AnthropicThinkingBlock } from "../anthropic/schema"
import type { ResponsesReasoningItem } from "./schema"

/**
 * How reasoning crosses between Anthropic and Responses without losing a byte.
 *
 * OpenAI reasoning item → Anthropic block: the whole item (id, summary, encrypted_content)
 * travels as JSON, base64url-encoded behind {@link OPENAI_REASONING_PREFIX}, in the block's
 * `signature` (a `thinking` block whose text is the summaries joined by a blank line) or,
 * when the item has no summary text, in a `redacted_thinking` block's `data`. Clients echo
 * both back verbatim, so the next request restores the item exactly.
 *
 * Anthropic block → Responses reasoning item: the whole block travels as base64url JSON
 * behind {@link ANTHROPIC_THINKING_PREFIX} in `encrypted_content`; the thinking text is also
 * given as one `summary_text`. The reverse conversion restores the block exactly.
 *
 * Each vendor rejects the other's carriers (they cannot verify them); a provider that sends
 * history to the other vendor can drop them with {@link carriesAnthropicThinking} /
 * {@link carriesOpenAIReasoning}. The prefixes contain `.`, which never occurs in base64.
 */
export const OPENAI_REASONING_PREFIX = "ccproxy.openai-reasoning.v1."
export const ANTHROPIC_THINKING_PREFIX = "ccproxy.anthropic-thinking.v1."

export type AnthropicThinkingLike = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url")

function decode(text: string, prefix: string): unknown {
  if (!text.startsWith(prefix)) return undefined
  try {
    return JSON.parse(Buffer.from(text.slice(prefix.length), "base64url").toString("utf8"))
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function summaryText(item: ResponsesReasoningItem): string {
  return (item.summary ?? []).map((part) => part.text).join("\n\n")
}

export function encodeReasoningSignature(item: ResponsesReasoningItem): string {
  return OPENAI_REASONING_PREFIX + encode(item)
}

/** The OpenAI reasoning item a signature / redacted data carries, if it is one of ours. */
export function decodeReasoningSignature(signature: string): ResponsesReasoningItem | undefined {
  const item = decode(signature, OPENAI_REASONING_PREFIX)
  return isObject(item) && item.type === "reasoning" ? (item as ResponsesReasoningItem) : undefined
}

/** The Anthropic block a reasoning item restores to (exact when it is a carrier). */
export function thinkingBlockFromReasoning(item: ResponsesReasoningItem): AnthropicThinkingLike {
  const carried = item.encrypted_content ? decode(item.encrypted_content, ANTHROPIC_THINKING_PREFIX) : undefined
  if (isObject(carried) && (carried.type === "thinking" || carried.type === "redacted_thinking")) {
    return carried as AnthropicThinkingLike
  }
  const text = summaryText(item)
  const signature = encodeReasoningSignature(item)
  return text.length > 0 ? { type: "thinking", thinking: text, signature } : { type: "redacted_thinking", data: signature }
}

/** The reasoning item an Anthropic block restores to (exact when it is a carrier). */
export function reasoningFromThinkingBlock(block: AnthropicThinkingLike): ResponsesReasoningItem {
  const carried = decodeReasoningSignature(block.type === "thinking" ? block.signature : block.data)
  if (carried) return carried
  const text = block.type === "thinking" ? block.thinking : ""
  const key = block.type === "thinking" ? block.signature : block.data
  return {
    type: "reasoning",
    id: `rs_${createHash("sha256").update(key).digest("hex").slice(0, 48)}`,
    summary: text.length > 0 ? [{ type: "summary_text", text }] : [],
    encrypted_content: ANTHROPIC_THINKING_PREFIX + encode(block),
  }
}

/** Whether a Responses reasoning item carries an Anthropic block (OpenAI cannot verify it). */
export function carriesAnthropicThinking(item: ResponsesReasoningItem): boolean {
  return item.encrypted_content?.startsWith(ANTHROPIC_THINKING_PREFIX) === true
}

/** Whether an Anthropic block carries an OpenAI reasoning item (Anthropic cannot verify it). */
export function carriesOpenAIReasoning(block: AnthropicThinkingLike): boolean {
  return (block.type === "thinking" ? block.signature : block.data).startsWith(OPENAI_REASONING_PREFIX)
}
