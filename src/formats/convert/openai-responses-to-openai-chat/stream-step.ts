import type { ChatCompletionChunk } from "../../openai-chat/schema"
import type { ResponsesItem, ResponsesResponse } from "../../openai-responses/schema"
import { mapResponsesFinishReason } from "./map-finish-reason"
import { mapResponsesUsage } from "./map-usage"
import { argumentsChunk, onItemAdded, onItemDone, reasoningChunk } from "./stream-items"
import { chatErrorChunk, type ChatErrorChunk } from "../../shared/stream-failure"
import { deltaChunk, type ResponsesToChatStreamState } from "./stream-state"

/** One Responses stream event, as parsed JSON. Fields are read per event type. */
export interface ResponsesEventData {
  type?: string
  response?: ResponsesResponse
  item?: ResponsesItem
  output_index?: number
  content_index?: number
  summary_index?: number
  delta?: string
  arguments?: string
  message?: string
  code?: string | null
  error?: { message?: string; type?: string | null; code?: string | null } | null
}

/** Events that carry nothing a Chat client needs beyond what other events already give. */
const SILENT_EVENTS = new Set([
  "response.queued",
  "response.in_progress",
  "response.content_part.added",
  "response.content_part.done",
  "response.output_text.done",
  "response.refusal.done",
  "response.function_call_arguments.done",
  "response.reasoning_summary_part.added",
  "response.reasoning_summary_part.done",
  "response.reasoning_summary_text.done",
  "response.reasoning_text.done",
  "keepalive",
])

/** The step function: one Responses event in, the Chat chunks it implies out. */
export function stepResponsesEvent(state: ResponsesToChatStreamState, event: ResponsesEventData): Array<ChatCompletionChunk | ChatErrorChunk> {
  const outputIndex = event.output_index ?? 0
  switch (event.type) {
    case "response.created":
      adoptEnvelope(state, event.response)
      return [deltaChunk(state, { content: "" })]
    case "response.output_item.added":
      return event.item ? onItemAdded(state, outputIndex, event.item) : []
    case "response.output_item.done":
      return event.item ? onItemDone(state, outputIndex, event.item) : []
    case "response.output_text.delta":
      state.textStreamed.add(outputIndex)
      return event.delta ? [deltaChunk(state, { content: event.delta })] : []
    case "response.refusal.delta":
      state.textStreamed.add(outputIndex)
      return event.delta ? [deltaChunk(state, { refusal: event.delta })] : []
    case "response.reasoning_summary_text.delta":
      state.reasoningStreamed.add(outputIndex)
      return reasoningChunk(state, `${outputIndex}:s${event.summary_index ?? 0}`, event.delta ?? "")
    case "response.reasoning_text.delta":
      state.reasoningStreamed.add(outputIndex)
      return reasoningChunk(state, `${outputIndex}:t${event.content_index ?? 0}`, event.delta ?? "")
    case "response.function_call_arguments.delta":
      return argumentsChunk(state, outputIndex, event.delta ?? "")
    case "response.completed":
    case "response.incomplete":
      return finish(state, event.response)
    case "response.failed":
      return fail(state, event.response?.error?.message ?? "upstream response failed", event.response?.error?.code)
    case "error":
      return fail(state, event.message ?? event.error?.message ?? "upstream stream error", event.code ?? event.error?.code)
    default:
      if (event.type === undefined || !SILENT_EVENTS.has(event.type)) warnEventType(state, event.type ?? "(none)")
      return []
  }
}

function adoptEnvelope(state: ResponsesToChatStreamState, response: ResponsesResponse | undefined): void {
  if (!response) return
  if (response.id) state.id = response.id
  if (typeof response.created_at === "number") state.created = response.created_at
  if (response.model) state.model = response.model
}

function finish(state: ResponsesToChatStreamState, response: ResponsesResponse | undefined): ChatCompletionChunk[] {
  state.finished = true
  // Items only present in the final response (minimal streams) are emitted now, in order.
  const chunks = (response?.output ?? []).flatMap((item, index) => onItemDone(state, index, item))
  const reason = mapResponsesFinishReason(response?.status, response?.incomplete_details?.reason, state.toolCalls.size > 0)
  chunks.push(deltaChunk(state, {}, reason))
  if (state.includeUsage && response?.usage) {
    chunks.push({ ...deltaChunk(state, {}), choices: [], usage: mapResponsesUsage(response.usage) })
  }
  return chunks
}

function fail(state: ResponsesToChatStreamState, message: string, code: string | null | undefined): ChatErrorChunk[] {
  state.finished = true
  return [chatErrorChunk({ message, code })]
}

function warnEventType(state: ResponsesToChatStreamState, type: string): void {
  if (state.warnedEventTypes.has(type)) return
  state.warnedEventTypes.add(type)
  state.warnings.push({
    code: "unsupported",
    path: `stream.${type}`,
    message: `Responses stream event "${type}" has no Chat Completions equivalent and was skipped`,
  })
}
