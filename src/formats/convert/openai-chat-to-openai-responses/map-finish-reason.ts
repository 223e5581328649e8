import type { ResponsesStatus } from "../../openai-responses/schema"

export interface ResponsesOutcome {
  status: Extract<ResponsesStatus, "completed" | "incomplete">
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null
}

/**
 * A Chat `finish_reason` as a Responses status plus `incomplete_details`.
 * `tool_calls` is a normal completion: Responses marks tool use by function_call items.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function mapChatFinishReason(finishReason: string | null | undefined): ResponsesOutcome {
  switch (finishReason) {
    case "length":
      return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } }
    case "content_filter":
      return { status: "incomplete", incomplete_details: { reason: "content_filter" } }
    case "stop":
    case "tool_calls":
    case "function_call":
      return { status: "completed", incomplete_details: null }
    default:
      return { status: "completed", incomplete_details: null }
  }
}
