import type { ChatFinishReason } from "../../openai-chat/schema"

/**
 * A Responses final status (plus `incomplete_details.reason`) as a Chat `finish_reason`.
 * Function calls win over a plain completion, as Chat clients run tools on `tool_calls`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function mapResponsesFinishReason(
  status: string | undefined,
  incompleteReason: string | undefined,
  hasToolCalls: boolean,
): ChatFinishReason {
  if (status === "incomplete") {
    switch (incompleteReason) {
      case "max_output_tokens":
        return "length"
      case "content_filter":
        return "content_filter"
      default:
        return hasToolCalls ? "tool_calls" : "length"
    }
  }
  return hasToolCalls ? "tool_calls" : "stop"
}
