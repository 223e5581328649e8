import type { AnthropicRedactedThinkingBlock, AnthropicThinkingBlock } from "~/formats/anthropic/schema"
import { isRecord } from "./warn"

/**
 * How Anthropic thinking survives Chat Completions, which has no standard field for it
 * (the same convention the Responses ⇄ Chat converters use, see their reasoning-details.ts).
 *
 * Assistant messages (request history and non-stream responses) carry two extra fields:
 * - `reasoning_content`: the thinking text joined, the de-facto field DeepSeek, vLLM and
 *   Copilot use, so chat UIs can show it;
 * - `reasoning_details`: one entry per block in OpenRouter's shape with
 *   `format: "anthropic-claude-v1"`: thinking → `{type:"reasoning.text",text,signature,index}`,
 *   redacted_thinking → `{type:"reasoning.encrypted",data,index}`. Converting back reads
 *   these, so signatures and redacted data stay byte-exact, in their original order.
 *
 * Streams send thinking text as `delta.reasoning_content` and, when a block ends, one chunk
 * whose `delta.reasoning_details` holds that one complete entry (text and signature), so the
 * converter back to Anthropic can send the signature_delta before the block's stop.
 * The OpenAI SDK copies unknown message and delta fields as they are and never throws on them.
 */
export const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1"

export type ThinkingBlockEntry = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock

export interface AnthropicReasoningDetail {
  type: "reasoning.text" | "reasoning.encrypted"
  format: typeof ANTHROPIC_REASONING_FORMAT
  index: number
  text?: string
  signature?: string
  data?: string
}

export function reasoningDetailFromBlock(block: ThinkingBlockEntry, index: number): AnthropicReasoningDetail {
  if (block.type === "redacted_thinking") {
    return { type: "reasoning.encrypted", format: ANTHROPIC_REASONING_FORMAT, index, data: block.data }
  }
  return { type: "reasoning.text", format: ANTHROPIC_REASONING_FORMAT, index, text: block.thinking, signature: block.signature }
}

/** The readable text of thinking blocks (redacted ones have none). */
export function reasoningTextOf(blocks: readonly ThinkingBlockEntry[]): string {
  return blocks.map((b) => (b.type === "thinking" ? b.thinking : "")).join("")
}

export interface ReadDetails {
  blocks: ThinkingBlockEntry[]
  /** Entries from another provider's format (e.g. Responses reasoning), which Anthropic cannot replay. */
  foreign: number
}

/**
 * Thinking blocks from `reasoning_details` entries; entries sharing an `index` are merged
 * (text and signature concatenated), as OpenRouter streams them piecewise.
 * LiteLLM's `thinking_blocks` (Anthropic blocks verbatim) is read too when details are absent.
 */
export function readReasoningDetails(details: unknown, thinkingBlocks?: unknown): ReadDetails {
  const result: ReadDetails = { blocks: [], foreign: 0 }
  if (!Array.isArray(details)) {
    if (Array.isArray(thinkingBlocks)) result.blocks = thinkingBlocks.flatMap((b) => readDetail(toDetail(b)) ?? [])
    return result
  }
  const byIndex = new Map<unknown, ThinkingBlockEntry>()
  for (const entry of details) {
    if (!isRecord(entry)) continue
    if (entry.format !== undefined && entry.format !== ANTHROPIC_REASONING_FORMAT) {
      result.foreign++
      continue
    }
    const block = readDetail(entry)
    if (!block) continue
    const key = entry.index ?? Symbol()
    const previous = byIndex.get(key)
    if (previous?.type === "thinking" && block.type === "thinking") {
      previous.thinking += block.thinking
      previous.signature += block.signature
    } else if (!previous) {
      byIndex.set(key, block)
      result.blocks.push(block)
    }
  }
  return result
}

function readDetail(entry: Record<string, unknown> | undefined): ThinkingBlockEntry | undefined {
  if (entry?.type === "reasoning.text") {
    return {
      type: "thinking",
      thinking: typeof entry.text === "string" ? entry.text : "",
      signature: typeof entry.signature === "string" ? entry.signature : "",
    }
  }
  if (entry?.type === "reasoning.encrypted" && typeof entry.data === "string") return { type: "redacted_thinking", data: entry.data }
  return undefined
}

function toDetail(block: unknown): Record<string, unknown> | undefined {
  if (!isRecord(block)) return undefined
  if (block.type === "thinking") return { type: "reasoning.text", text: block.thinking, signature: block.signature }
  if (block.type === "redacted_thinking") return { type: "reasoning.encrypted", data: block.data }
  return undefined
}
