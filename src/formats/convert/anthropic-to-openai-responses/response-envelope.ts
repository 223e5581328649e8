import type { ResponsesItem, ResponsesRequest, ResponsesUsage } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

/** The Response object fields clients read, echoing the client's Responses request where it set them. */
export function responseEnvelope(
  id: string,
  model: string,
  createdAt: number,
  ctx: ConversionContext,
  fields: { status: string; output: ResponsesItem[]; usage: ResponsesUsage | null; incomplete_details?: unknown; error?: unknown },
): Record<string, unknown> {
  const request = (ctx.request ?? {}) as Partial<ResponsesRequest>
  return {
    id,
    object: "response",
    created_at: createdAt,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incomplete_details ?? null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: request.reasoning ?? null,
    store: request.store ?? false,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: "disabled",
    usage: fields.usage,
    metadata: request.metadata ?? {},
  }
}

/** `resp_` id derived from the Anthropic message id, so the same message always maps to the same response. */
export function responseId(messageId: string): string {
  return `resp_${messageId.replace(/^msg_/, "")}`
}
