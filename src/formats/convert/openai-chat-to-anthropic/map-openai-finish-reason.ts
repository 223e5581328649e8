import type { AnthropicStopReason } from "~/formats/anthropic/schema"

/**
 * Chat `finish_reason` → Anthropic `stop_reason`. A message holding tool_use blocks always
 * stops with `tool_use`; a refusal stops with `refusal`.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(
  finishReason: string | null | undefined,
  hasToolUse: boolean,
  refused = false,
): AnthropicStopReason {
  if (hasToolUse) return "tool_use"
  if (refused) return "refusal"
  switch (finishReason) {
    case "stop":
      return "end_turn"
    case "length":
      return "max_tokens"
    case "tool_calls":
    case "function_call":
      // tool calls announced but none arrived: nothing for the client to run
      return "end_turn"
    case "content_filter":
      return "refusal"
    default:
      return "end_turn"
  }
}
