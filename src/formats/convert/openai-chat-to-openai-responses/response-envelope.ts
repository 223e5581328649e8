import type { ResponsesRequest } from "../../openai-responses/schema"

/**
 * The request-echo fields of a Responses object, taken from the client's Responses request
 * (Chat responses carry none of them).
 */
export function requestEcho(request: unknown): Record<string, unknown> {
  const r = (request ?? {}) as Partial<ResponsesRequest>
  return {
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    metadata: r.metadata ?? {},
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: r.previous_response_id ?? null,
    reasoning: r.reasoning ?? null,
    store: r.store ?? false,
    temperature: r.temperature ?? null,
    text: r.text ?? { format: { type: "text" } },
    tool_choice: r.tool_choice ?? "auto",
    tools: r.tools ?? [],
    top_p: r.top_p ?? null,
  }
}
