import type { AnthropicMessagesResponse } from "../../anthropic/schema"
import type { ResponsesItem } from "../../openai-responses/schema"
import { upstreamObject, upstreamObjects } from "../../shared/upstream-body"
import type { ConversionContext } from "../../types"
import { convertBlockToItem } from "./convert-output"
import { mapAnthropicStopReasonToStatus } from "./map-anthropic-stop-reason-to-status"
import { mapAnthropicUsageToResponses } from "./map-anthropic-usage"
import { responseEnvelope, responseId } from "./response-envelope"

/** Anthropic message → Responses response object (Codex CLI / Responses clients against Claude). */
export function convertAnthropicResponseToResponses(raw: unknown, ctx: ConversionContext): Record<string, unknown> {
  upstreamObjects(upstreamObject(raw, "Anthropic response").content, "Anthropic response content")
  const message = raw as AnthropicMessagesResponse
  const output: ResponsesItem[] = []
  message.content.forEach((block, index) => {
    const item = convertBlockToItem(block, message.id, output.length, `content[${index}]`, ctx)
    if (item) output.push(item)
  })
  const outcome = mapAnthropicStopReasonToStatus(message.stop_reason)
  const response = responseEnvelope(responseId(message.id), message.model, Math.floor(Date.now() / 1000), ctx, {
    ...outcome,
    output,
    usage: mapAnthropicUsageToResponses(message.usage),
  })
  response.output_text = output
    .flatMap((item) => (item.type === "message" && Array.isArray((item as { content: unknown }).content) ? (item as { content: { type: string; text?: string }[] }).content : []))
    .map((part) => (part.type === "output_text" ? part.text : ""))
    .join("")
  return response
}
