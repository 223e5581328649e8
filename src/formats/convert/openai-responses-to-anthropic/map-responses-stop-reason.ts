import type { AnthropicStopReason } from "../../anthropic/schema"

/**
 * Responses `status` + `incomplete_details.reason` → Anthropic `stop_reason`.
 * A response that called functions ends with `tool_use` (the original said `end_turn`).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function mapResponsesStopReason(
  status: string | undefined,
  incompleteReason: string | undefined,
  calledTools: boolean,
): AnthropicStopReason {
  if (status === "incomplete") {
    switch (incompleteReason) {
      case "max_output_tokens":
        return "max_tokens"
      case "content_filter":
        return "refusal"
      default:
        return calledTools ? "tool_use" : "end_turn"
    }
  }
  return calledTools ? "tool_use" : "end_turn"
}
