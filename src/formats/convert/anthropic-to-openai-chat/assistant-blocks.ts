import type { AnthropicContentBlock } from "~/formats/anthropic/schema"
import type { ChatToolCall } from "~/formats/openai-chat/schema"
import type { ConversionContext } from "../../types"
import type { ThinkingBlockEntry } from "./reasoning-details"
import { toOpenAIToolCallId } from "./tool-call-id"
import { warn } from "./warn"

export interface AssistantParts {
  texts: string[]
  toolCalls: ChatToolCall[]
  thinking: ThinkingBlockEntry[]
}

/**
 * An assistant turn's Anthropic blocks sorted into what a Chat assistant message holds: text,
 * tool calls and thinking (kept for reasoning_details); anything else is warned about and dropped.
 * `path` names the content array in warnings; `label` starts their message (e.g. "assistant ").
 */
export function splitAssistantBlocks(blocks: readonly AnthropicContentBlock[], path: string, label: string, ctx: ConversionContext): AssistantParts {
  const parts: AssistantParts = { texts: [], toolCalls: [], thinking: [] }
  blocks.forEach((block, i) => {
    switch (block.type) {
      case "text":
        parts.texts.push(block.text)
        break
      case "tool_use":
        parts.toolCalls.push({ id: toOpenAIToolCallId(block.id), type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } })
        break
      case "thinking":
        parts.thinking.push({ type: "thinking", thinking: block.thinking, signature: block.signature })
        break
      case "redacted_thinking":
        parts.thinking.push({ type: "redacted_thinking", data: block.data })
        break
      default:
        warn(ctx, "unsupported", `${path}[${i}]`, `${label}"${block.type}" block has no Chat Completions equivalent; dropped`)
    }
  })
  return parts
}
