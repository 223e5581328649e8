import type { ChatCompletion } from "../../openai-chat/schema"
import type { ResponsesContentPart, ResponsesItem, ResponsesResponse } from "../../openai-responses/schema"
import { toResponsesCallId } from "../../shared/tool-call-id"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { foreignReasoningWarning, reasoningItemsFromDetails } from "../openai-responses-to-openai-chat/reasoning-details"
import { mapChatFinishReason } from "./map-finish-reason"
import { mapChatUsage } from "./map-usage"
import { requestEcho } from "./response-envelope"

/** A Chat completion as a Responses response object (first choice; Chat `n` is always 1 here). */
export function convertChatResponseToResponses(raw: unknown, ctx: ConversionContext): ResponsesResponse {
  upstreamObjects(upstreamObject(raw, "chat completion").choices, "chat completion choices")
  const completion = raw as ChatCompletion
  const choice = completion.choices[0]
  if (completion.choices.length > 1) {
    ctx.warnings.push({ code: "field_dropped", path: "choices", message: "only the first choice is converted" })
  }
  const message = choice?.message
  const output: ResponsesItem[] = []
  const { items: reasoning, foreign } = reasoningItemsFromDetails(message?.reasoning_details ?? [])
  if (foreign > 0) ctx.warnings.push(foreignReasoningWarning("choices[0].message.reasoning_details"))
  if (reasoning.length > 0) output.push(...reasoning)
  else if (message?.reasoning_content) {
    output.push({ type: "reasoning", id: `rs_${completion.id}`, summary: [{ type: "summary_text", text: message.reasoning_content }] })
  }
  const text = typeof message?.content === "string" ? message.content : (message?.content ?? []).map((part) => ("text" in part ? part.text : "")).join("")
  const content: ResponsesContentPart[] = []
  if (text || (!message?.refusal && !message?.tool_calls?.length)) content.push({ type: "output_text", text, annotations: [] })
  if (message?.refusal) content.push({ type: "refusal", refusal: message.refusal })
  if (content.length > 0) output.push({ type: "message", id: `msg_${completion.id}`, status: "completed", role: "assistant", content })
  for (const call of message?.tool_calls ?? []) {
    const callId = toResponsesCallId(call.id)
    output.push({
      type: "function_call",
      id: `fc_${callId}`,
      call_id: callId,
      name: call.function.name,
      arguments: call.function.arguments,
      status: "completed",
    })
  }
  const outcome = mapChatFinishReason(choice?.finish_reason)
  return {
    id: completion.id,
    object: "response",
    created_at: completion.created,
    model: completion.model,
    status: outcome.status,
    error: null,
    incomplete_details: outcome.incomplete_details,
    output,
    ...requestEcho(ctx.request),
    usage: completion.usage ? mapChatUsage(completion.usage) : null,
  }
}
