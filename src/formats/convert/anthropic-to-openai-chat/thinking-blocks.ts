import type { AnthropicRedactedThinkingBlock, AnthropicThinkingBlock } from "~/formats/anthropic/schema"
import { isRecord } from "./warn"

/**
 * How Anthropic thinking survives Chat Completions, which has no standard field for it.
 *
 * Assistant messages (request history and non-stream responses) carry two extra fields:
 * - `reasoning_content`: the thinking text joined, the de-facto field DeepSeek, vLLM and
 *   Copilot use, so chat UIs can show it;
 * - `thinking_blocks`: the Anthropic blocks verbatim, in order,
 *   `{type:"thinking",thinking,signature}` or `{type:"redacted_thinking",data}` (LiteLLM's
 *   field name and shape). Converting back reads these, so signatures stay byte-exact.
 *
 * Streams send thinking text as `delta.reasoning_content` and, when a block ends, one chunk
 * whose `delta.thinking_blocks` holds that one complete block (text and signature), so the
 * converter back to Anthropic can send the block's signature_delta before its stop.
 * The OpenAI SDK copies unknown message and delta fields as they are and never throws on them.
 */
export type ThinkingBlockEntry = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock

/** The valid entries of a `thinking_blocks` value; anything malformed is left out. */
export function readThinkingBlocks(value: unknown): ThinkingBlockEntry[] {
  if (!Array.isArray(value)) return []
  const blocks: ThinkingBlockEntry[] = []
  for (const entry of value) {
    if (!isRecord(entry)) continue
    if (entry.type === "thinking" && typeof entry.thinking === "string") {
      blocks.push({ type: "thinking", thinking: entry.thinking, signature: typeof entry.signature === "string" ? entry.signature : "" })
    } else if (entry.type === "redacted_thinking" && typeof entry.data === "string") {
      blocks.push({ type: "redacted_thinking", data: entry.data })
    }
  }
  return blocks
}
