import type { AnthropicContentBlock, AnthropicMessage, AnthropicTextBlock, AnthropicToolResultBlock } from "../../anthropic/schema"
import { thinkingBlockFromReasoning } from "../../openai-responses/reasoning-carrier"
import type {
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from "../../openai-responses/schema"
import { toAnthropicToolUseId } from "../../shared/tool-call-id"
import type { ConversionContext } from "../../types"
import { repairToolResults } from "../openai-chat-to-anthropic/repair-tool-results"
import { convertParts } from "./convert-parts"
import { parseFunctionArguments } from "./parse-function-arguments"

export interface ConvertedInput {
  system: AnthropicTextBlock[]
  messages: AnthropicMessage[]
}

/**
 * Responses input items → Anthropic messages, order preserved. Consecutive assistant-side
 * items (reasoning, assistant messages, function calls) merge into one assistant message
 * and consecutive user-side items (user messages, function_call_output) into one user
 * message, so tool_result blocks directly follow their tool_use. Results whose call is not in
 * the preceding assistant turn become text, as Anthropic rejects them. system / developer
 * items go to `system` (with a warning when they sat mid-conversation).
 */
export function convertInput(input: string | ResponsesItem[], ctx: ConversionContext): ConvertedInput {
  const items: ResponsesItem[] = typeof input === "string" ? [{ type: "message", role: "user", content: input }] : input
  const system: AnthropicTextBlock[] = []
  const messages: AnthropicMessage[] = []
  const resultPaths = new Map<AnthropicToolResultBlock, string>()
  const append = (role: "user" | "assistant", blocks: AnthropicContentBlock[]) => {
    if (blocks.length === 0) return
    const last = messages[messages.length - 1]
    if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks)
    else messages.push({ role, content: blocks })
  }
  items.forEach((item, index) => {
    const path = `input[${index}]`
    const type = item.type ?? "message"
    switch (type) {
      case "message": {
        const message = item as ResponsesMessageItem
        const blocks = convertParts(message.content, `${path}.content`, ctx)
        if (message.role === "system" || message.role === "developer") {
          if (messages.length > 0) {
            ctx.warnings.push({ code: "value_changed", path, message: `mid-conversation ${message.role} message moved into the Anthropic system prompt` })
          }
          for (const block of blocks) if (block.type === "text") system.push({ type: "text", text: block.text })
          return
        }
        append(message.role, blocks)
        return
      }
      case "reasoning":
        append("assistant", [thinkingBlockFromReasoning(item as ResponsesReasoningItem)])
        return
      case "function_call": {
        const call = item as ResponsesFunctionCallItem
        append("assistant", [{ type: "tool_use", id: toAnthropicToolUseId(call.call_id), name: call.name, input: parseFunctionArguments(call.arguments, path, ctx) }])
        return
      }
      case "function_call_output": {
        const output = item as ResponsesFunctionCallOutputItem
        const content = typeof output.output === "string" ? output.output : convertParts(output.output, `${path}.output`, ctx)
        const result: AnthropicToolResultBlock = { type: "tool_result", tool_use_id: toAnthropicToolUseId(output.call_id), content: content as AnthropicToolResultBlock["content"] }
        resultPaths.set(result, path)
        append("user", [result])
        return
      }
      default:
        ctx.warnings.push({ code: "unsupported", path, message: `Responses input item "${type}" has no Anthropic equivalent; dropped` })
        return
    }
  })
  return { system, messages: repairToolResults(messages, ctx, (block, i, j) => resultPaths.get(block) ?? `messages[${i}].content[${j}]`) }
}
