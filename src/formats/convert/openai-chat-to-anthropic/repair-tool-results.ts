import type { AnthropicContentBlock, AnthropicMessage, AnthropicToolResultBlock } from "~/formats/anthropic/schema"
import type { ConversionContext } from "../../types"
import { warn } from "../anthropic-to-openai-chat/warn"

/**
 * Anthropic accepts a tool_result only for a tool_use of the immediately preceding assistant
 * turn, and wants tool_result blocks first in the user turn. Results whose call is gone
 * (client-side history compaction) would get "unexpected tool_use_id": they become text.
 */
export function repairToolResults(
  messages: AnthropicMessage[],
  ctx: ConversionContext,
  pathOf: (block: AnthropicToolResultBlock, message: number, index: number) => string = (_, i, j) => `messages[${i}].content[${j}]`,
): AnthropicMessage[] {
  messages.forEach((message, i) => {
    if (message.role !== "user" || typeof message.content === "string") return
    if (!message.content.some((b) => b.type === "tool_result")) return
    const previous = messages[i - 1]
    const known = new Set<string>()
    if (previous?.role === "assistant" && Array.isArray(previous.content)) {
      for (const block of previous.content) if (block.type === "tool_use") known.add(block.id)
    }
    const results: AnthropicContentBlock[] = []
    const rest: AnthropicContentBlock[] = []
    message.content.forEach((block, j) => {
      if (block.type !== "tool_result") rest.push(block)
      else if (known.has(block.tool_use_id)) results.push(block)
      else {
        warn(ctx, "value_changed", pathOf(block, i, j), `tool result for unknown tool call "${block.tool_use_id}" sent as text`)
        rest.push({ type: "text", text: orphanText(block) })
      }
    })
    message.content = [...results, ...rest]
  })
  return messages
}

function orphanText(block: AnthropicToolResultBlock): string {
  const content = typeof block.content === "string" ? block.content : (block.content ?? []).map((b) => (b.type === "text" ? b.text : "")).join("\n")
  return `[tool_result for ${block.tool_use_id}${block.is_error ? " (error)" : ""}]\n${content}`
}
