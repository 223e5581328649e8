import type { AnthropicContentBlock } from "../../anthropic/schema"
import { carriesAnthropicThinking, reasoningFromThinkingBlock } from "../../openai-responses/reasoning-carrier"
import type { ResponsesItem } from "../../openai-responses/schema"
import { toResponsesCallId } from "../../shared/tool-call-id"
import type { ConversionContext } from "../../types"

/** Output item ids, stable for a message: `<prefix>_<message id without msg_>_<output index>`. */
export function itemId(prefix: "msg" | "fc" | "rs", messageId: string, outputIndex: number): string {
  return `${prefix}_${messageId.replace(/^msg_/, "")}_${outputIndex}`
}

/** tool_use input as the arguments string; `{}` when the model sent nothing. */
export function argumentsOf(input: unknown): string {
  return JSON.stringify(input ?? {})
}

/**
 * One Anthropic content block → one Responses output item, in order: each text block its
 * own message item, thinking / redacted_thinking a reasoning item (see reasoning-carrier),
 * tool_use a function_call. Server tool blocks are dropped with a warning.
 */
export function convertBlockToItem(
  block: AnthropicContentBlock,
  messageId: string,
  outputIndex: number,
  path: string,
  ctx: ConversionContext,
): ResponsesItem | undefined {
  switch (block.type) {
    case "text":
      if (block.citations && block.citations.length > 0) {
        ctx.warnings.push({ code: "field_dropped", path: `${path}.citations`, message: "Anthropic citations are not converted to Responses annotations" })
      }
      return {
        type: "message",
        id: itemId("msg", messageId, outputIndex),
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: block.text, annotations: [] }],
      }
    case "thinking":
    case "redacted_thinking": {
      const item = reasoningFromThinkingBlock(block)
      return carriesAnthropicThinking(item) ? { ...item, id: itemId("rs", messageId, outputIndex) } : item
    }
    case "tool_use":
      return {
        type: "function_call",
        id: itemId("fc", messageId, outputIndex),
        call_id: toResponsesCallId(block.id),
        name: block.name,
        arguments: argumentsOf(block.input),
        status: "completed",
      }
    default:
      ctx.warnings.push({ code: "unsupported", path, message: `Anthropic "${block.type}" block has no Responses equivalent; dropped` })
      return undefined
  }
}
