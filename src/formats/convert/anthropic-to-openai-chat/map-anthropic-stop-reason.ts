import type { ChatFinishReason } from "~/formats/openai-chat/schema"

/**
 * Anthropic `stop_reason` → Chat `finish_reason`. A message holding tool calls always
 * finishes with `tool_calls`, whatever the stop reason says.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined, hasToolCalls: boolean): ChatFinishReason {
  if (hasToolCalls) return "tool_calls"
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop"
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length"
    case "refusal":
      return "content_filter"
    case "tool_use":
      // tool_use without any tool_use block: nothing for a client to call
      return "stop"
    default:
      return "stop"
  }
}
