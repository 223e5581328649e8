import type { AnthropicContentBlock, AnthropicMessage, AnthropicToolResultBlock } from "~/formats/anthropic/schema"
import type { ChatAssistantMessage, ChatContentPart, ChatMessage } from "~/formats/openai-chat/schema"
import type { ConversionContext } from "../../types"
import { documentToChatPart, imageToChatPart } from "./request-content"
import { stripBillingHeader, systemText } from "./system-text"
import { splitAssistantBlocks } from "./assistant-blocks"
import { reasoningDetailFromBlock, reasoningTextOf } from "./reasoning-details"
import { toOpenAIToolCallId } from "./tool-call-id"
import { warn } from "./warn"


/** Chat cannot flag a failed tool call, so a failed result's text starts with this marker (restored on the way back). */
export const TOOL_ERROR_PREFIX = "[tool_error] "

/**
 * Anthropic messages → Chat messages, in order. Mid-conversation `system` entries (Claude
 * Code's `mid-conversation-system` beta) become Chat system messages at the same position.
 * A user turn's tool_result blocks become `tool` messages placed before its other content.
 */
export function convertAnthropicMessages(messages: AnthropicMessage[], ctx: ConversionContext): ChatMessage[] {
  const out: ChatMessage[] = []
  let openToolIds = new Set<string>()
  messages.forEach((message, i) => {
    const path = `messages[${i}]`
    if (message.role === "system") {
      const text = typeof message.content === "string" ? stripBillingHeader(message.content) : systemText(message.content)
      if (text.trim().length > 0) out.push({ role: "system", content: text })
    } else if (message.role === "assistant") {
      const assistant = convertAssistant(message.content, path, ctx)
      out.push(assistant)
      openToolIds = new Set((assistant.tool_calls ?? []).map((call) => call.id))
    } else {
      out.push(...convertUser(message.content, openToolIds, path, ctx))
      openToolIds = new Set()
    }
  })
  return out
}

function convertAssistant(content: AnthropicMessage["content"], path: string, ctx: ConversionContext): ChatAssistantMessage {
  if (typeof content === "string") return { role: "assistant", content }
  const { texts, toolCalls, thinking } = splitAssistantBlocks(content, `${path}.content`, "assistant ", ctx)
  const message: ChatAssistantMessage = { role: "assistant", content: texts.length > 0 ? texts.join("") : null }
  if (texts.length > 1) warn(ctx, "value_changed", `${path}.content`, "several assistant text blocks were joined into one")
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  else if (message.content === null) message.content = ""
  if (thinking.length > 0) {
    message.reasoning_content = reasoningTextOf(thinking)
    message.reasoning_details = thinking.map(reasoningDetailFromBlock)
  }
  return message
}

function convertUser(
  content: AnthropicMessage["content"],
  openToolIds: Set<string>,
  path: string,
  ctx: ConversionContext,
): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }]
  const toolMessages: ChatMessage[] = []
  const parts: ChatContentPart[] = []
  const movedParts: ChatContentPart[] = []
  content.forEach((block, j) => {
    const blockPath = `${path}.content[${j}]`
    if (block.type === "tool_result") {
      const id = toOpenAIToolCallId(block.tool_use_id)
      const { text, images } = toolResultContent(block, blockPath, ctx)
      if (openToolIds.has(id)) {
        toolMessages.push({ role: "tool", tool_call_id: id, content: text })
        movedParts.push(...images)
      } else {
        warn(ctx, "value_changed", blockPath, `tool_result for unknown tool_use "${block.tool_use_id}" sent as user text`)
        parts.push({ type: "text", text: `[tool_result for ${block.tool_use_id}]\n${text}` }, ...images)
      }
      return
    }
    const part = userPart(block, blockPath, ctx)
    if (part) parts.push(part)
  })
  if (movedParts.length > 0) {
    warn(ctx, "value_changed", `${path}.content`, "images inside tool results moved to a user message after the tool messages")
  }
  const userParts = [...movedParts, ...parts]
  if (userParts.length === 0) return toolMessages
  const only = userParts[0]!
  const userContent = userParts.length === 1 && only.type === "text" ? only.text : userParts
  return [...toolMessages, { role: "user", content: userContent }]
}

function userPart(block: AnthropicContentBlock, path: string, ctx: ConversionContext): ChatContentPart | undefined {
  switch (block.type) {
    case "text":
      return { type: "text", text: block.text }
    case "image":
      return imageToChatPart(block, path, ctx)
    case "document":
      return documentToChatPart(block, path, ctx)
    default:
      warn(ctx, "unsupported", path, `user "${block.type}" block has no Chat Completions equivalent; dropped`)
      return undefined
  }
}

function toolResultContent(
  block: AnthropicToolResultBlock,
  path: string,
  ctx: ConversionContext,
): { text: string; images: ChatContentPart[] } {
  const prefix = block.is_error === true ? TOOL_ERROR_PREFIX : ""
  if (block.content === undefined || typeof block.content === "string") return { text: prefix + (block.content ?? ""), images: [] }
  const texts: string[] = []
  const images: ChatContentPart[] = []
  block.content.forEach((inner, k) => {
    const innerPath = `${path}.content[${k}]`
    if (inner.type === "text") texts.push(inner.text)
    else {
      const part = inner.type === "image" ? imageToChatPart(inner, innerPath, ctx) : documentToChatPart(inner, innerPath, ctx)
      if (part?.type === "text") texts.push(part.text)
      else if (part) images.push(part)
    }
  })
  return { text: prefix + texts.join("\n"), images }
}
