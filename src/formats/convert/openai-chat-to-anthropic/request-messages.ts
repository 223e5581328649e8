import type { AnthropicContentBlock, AnthropicMessage, AnthropicTextBlock } from "~/formats/anthropic/schema"
import type { ConversionContext } from "../../types"
import { readReasoningDetails } from "../anthropic-to-openai-chat/reasoning-details"
import { TOOL_ERROR_PREFIX } from "../anthropic-to-openai-chat/request-messages"
import { toAnthropicToolUseId } from "../anthropic-to-openai-chat/tool-call-id"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"
import { parseToolArguments } from "./parse-tool-arguments"
import { chatContentText, chatContentToBlocks } from "./request-content"
import { repairToolResults } from "./repair-tool-results"

export interface ConvertedMessages {
  system: AnthropicTextBlock[]
  messages: AnthropicMessage[]
}

/**
 * Chat messages → Anthropic `system` + messages. System and developer messages become
 * system text; one found after the conversation started is moved up there too (with a
 * warning) because plain Anthropic models take no system turns mid-conversation.
 * Tool messages become tool_result blocks; consecutive same-role turns are merged.
 */
export function convertChatMessages(messages: unknown[], ctx: ConversionContext): ConvertedMessages {
  const system: AnthropicTextBlock[] = []
  const out: AnthropicMessage[] = []
  messages.forEach((message, i) => {
    const path = `messages[${i}]`
    if (!isRecord(message)) return
    switch (message.role) {
      case "system":
      case "developer": {
        if (out.length > 0) warn(ctx, "value_changed", path, `mid-conversation ${message.role} message moved into the system prompt`)
        const text = chatContentText(message.content, `${path}.content`, ctx)
        if (text.length > 0) system.push({ type: "text", text })
        break
      }
      case "user":
        push(out, "user", chatContentToBlocks(message.content, `${path}.content`, ctx), path, ctx, message.content)
        break
      case "assistant":
        push(out, "assistant", assistantBlocks(message, path, ctx), path, ctx, message.content)
        break
      case "tool":
        push(out, "user", [toolResult(String(message.tool_call_id ?? ""), message.content, path, ctx)], path, ctx)
        break
      case "function":
        push(out, "user", [toolResult(legacyFunctionId(message.name), message.content, path, ctx)], path, ctx)
        break
      default:
        warn(ctx, "unsupported", path, `message role "${String(message.role)}" has no Anthropic equivalent; dropped`)
    }
  })
  return { system, messages: repairToolResults(out, ctx) }
}

function assistantBlocks(message: Record<string, unknown>, path: string, ctx: ConversionContext): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = []
  const { blocks: thinking, foreign } = readReasoningDetails(message.reasoning_details, message.thinking_blocks)
  if (foreign > 0) warn(ctx, "unsupported", `${path}.reasoning_details`, "reasoning from another provider cannot be replayed to Anthropic; dropped")
  const signed = thinking.filter((b) => b.type === "redacted_thinking" || b.signature.length > 0)
  if (signed.length < thinking.length || (thinking.length === 0 && typeof message.reasoning_content === "string" && message.reasoning_content.length > 0)) {
    warn(ctx, "field_dropped", `${path}.reasoning_content`, "reasoning without an Anthropic signature cannot be replayed; dropped")
  }
  blocks.push(...signed)
  blocks.push(...chatContentToBlocks(message.content, `${path}.content`, ctx))
  if (typeof message.refusal === "string" && message.refusal.length > 0) blocks.push({ type: "text", text: message.refusal })
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : []
  toolCalls.forEach((call, j) => {
    if (!isRecord(call) || !isRecord(call.function)) return
    const callPath = `${path}.tool_calls[${j}]`
    const name = String(call.function.name ?? "")
    const input = parseToolArguments(call.function.arguments, `${callPath}.function.arguments`, ctx)
    blocks.push({ type: "tool_use", id: toAnthropicToolUseId(String(call.id ?? "")), name, input })
  })
  if (isRecord(message.function_call)) {
    const name = String(message.function_call.name ?? "")
    const input = parseToolArguments(message.function_call.arguments, `${path}.function_call.arguments`, ctx)
    blocks.push({ type: "tool_use", id: legacyFunctionId(name), name, input })
  }
  return blocks
}

function toolResult(id: string, content: unknown, path: string, ctx: ConversionContext): AnthropicContentBlock {
  const text = chatContentText(content, `${path}.content`, ctx)
  const isError = text.startsWith(TOOL_ERROR_PREFIX)
  const block: AnthropicContentBlock = {
    type: "tool_result",
    tool_use_id: toAnthropicToolUseId(id),
    content: isError ? text.slice(TOOL_ERROR_PREFIX.length) : text,
  }
  if (isError) block.is_error = true
  return block
}

/** Legacy `function_call` / `function` messages carry no id; both sides derive the same one from the name. */
function legacyFunctionId(name: unknown): string {
  return toAnthropicToolUseId(`function_${String(name ?? "")}`)
}

/**
 * Appends blocks as a turn, merging into the previous turn of the same role (Anthropic
 * alternates roles). A turn that was a plain string stays a string unless merged.
 */
function push(
  out: AnthropicMessage[],
  role: "user" | "assistant",
  blocks: AnthropicContentBlock[],
  path: string,
  ctx: ConversionContext,
  original?: unknown,
) {
  if (blocks.length === 0) {
    warn(ctx, "field_dropped", path, `empty ${role} message dropped (Anthropic rejects empty content)`)
    return
  }
  const last = out.at(-1)
  if (last && last.role === role) {
    if (typeof last.content === "string") last.content = [{ type: "text", text: last.content }]
    last.content.push(...blocks)
  } else {
    const only = blocks[0]!
    const plain = typeof original === "string" && blocks.length === 1 && only.type === "text" && only.text === original
    out.push({ role, content: plain ? original : blocks })
  }
}
