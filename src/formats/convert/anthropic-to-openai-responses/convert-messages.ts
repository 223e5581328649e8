import type { AnthropicContentBlock, AnthropicMessage } from "../../anthropic/schema"
import { reasoningFromThinkingBlock } from "../../openai-responses/reasoning-carrier"
import type { ResponsesContentPart, ResponsesItem } from "../../openai-responses/schema"
import { stripBillingHeader } from "../../shared/billing-header"
import { toResponsesCallId } from "../../shared/tool-call-id"
import type { ConversionContext } from "../../types"
import { convertMedia, convertToolResultOutput } from "./convert-content"

/**
 * Anthropic messages → Responses input items, block order preserved: text and media gather
 * into message items, and every tool_use / tool_result / thinking block becomes its own
 * item at its position (function_call, function_call_output, reasoning).
 * A mid-conversation `system` message (beta `mid-conversation-system-2026-04-07`) becomes a
 * `developer` message at the same position: the Codex backend rejects `system` input items.
 */
export function convertMessages(messages: AnthropicMessage[], ctx: ConversionContext): ResponsesItem[] {
  const items: ResponsesItem[] = []
  messages.forEach((message, messageIndex) => {
    const path = `messages[${messageIndex}]`
    const blocks: AnthropicContentBlock[] =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content
    if (message.role === "system") {
      const text = blocks.map((block) => (block.type === "text" ? stripBillingHeader(block.text) : "")).join("\n\n")
      if (text.trim()) items.push({ type: "message", role: "developer", content: [{ type: "input_text", text }] })
      return
    }
    const role = message.role
    let pending: ResponsesContentPart[] = []
    const flush = () => {
      if (pending.length > 0) items.push({ type: "message", role, content: pending })
      pending = []
    }
    blocks.forEach((block, blockIndex) => {
      const blockPath = `${path}.content[${blockIndex}]`
      switch (block.type) {
        case "text":
          pending.push(role === "assistant" ? { type: "output_text", text: block.text } : { type: "input_text", text: block.text })
          break
        case "image":
        case "document": {
          const part = role === "user" ? convertMedia(block, blockPath, ctx) : undefined
          if (part) pending.push(part)
          else if (role !== "user") ctx.warnings.push({ code: "unsupported", path: blockPath, message: `${block.type} in an assistant message cannot be sent; dropped` })
          break
        }
        case "thinking":
        case "redacted_thinking":
          flush()
          items.push(reasoningFromThinkingBlock(block))
          break
        case "tool_use":
          flush()
          items.push({
            type: "function_call",
            call_id: toResponsesCallId(block.id),
            name: block.name,
            arguments: JSON.stringify(block.input ?? {}),
          })
          break
        case "tool_result":
          flush()
          items.push({
            type: "function_call_output",
            call_id: toResponsesCallId(block.tool_use_id),
            output: convertToolResultOutput(block, blockPath, ctx),
          })
          break
        default:
          ctx.warnings.push({
            code: "unsupported",
            path: blockPath,
            message: `Anthropic "${block.type}" block has no Responses equivalent; dropped`,
          })
          break
      }
    })
    flush()
  })
  return items
}
