import type { AnthropicStopReason } from "../../anthropic/schema"

export interface ResponsesOutcome {
  status: "completed" | "incomplete"
  incomplete_details: { reason: string } | null
}

/**
 * Anthropic `stop_reason` → Responses `status` + `incomplete_details`.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReasonToStatus(stopReason: AnthropicStopReason | null | undefined): ResponsesOutcome {
  switch (stopReason) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } }
    case "refusal":
      return { status: "incomplete", incomplete_details: { reason: "content_filter" } }
    case "end_turn":
    case "tool_use":
    case "stop_sequence":
    case "pause_turn":
    case null:
    case undefined:
      return { status: "completed", incomplete_details: null }
    default:
      return { status: "completed", incomplete_details: null }
  }
}
