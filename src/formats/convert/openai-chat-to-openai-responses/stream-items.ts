import type { ResponsesReasoningItem } from "../../openai-responses/schema"
import { toResponsesCallId } from "../../shared/tool-call-id"
import type { SseEvent } from "../../types"
import { emit, type ChatToResponsesStreamState, type OpenPart } from "./stream-state"

/** Appends text (or a refusal) to the open message item, opening item and part as needed. */
export function appendMessageText(state: ChatToResponsesStreamState, kind: OpenPart["kind"], text: string): SseEvent[] {
  const events = closeReasoning(state)
  if (!state.message) {
    const outputIndex = state.nextOutputIndex++
    state.message = { outputIndex, id: `msg_${state.id}_${outputIndex}`, parts: [] }
    const item = { id: state.message.id, type: "message", status: "in_progress", role: "assistant", content: [] }
    events.push(emit(state, "response.output_item.added", { output_index: outputIndex, item }))
  }
  const message = state.message
  let part = message.parts.at(-1)
  if (!part || part.kind !== kind) {
    if (part) events.push(...closePart(state, message.parts.length - 1))
    part = { kind, text: "" }
    message.parts.push(part)
    events.push(
      emit(state, "response.content_part.added", {
        item_id: message.id,
        output_index: message.outputIndex,
        content_index: message.parts.length - 1,
        part: wirePart(kind, ""),
      }),
    )
  }
  part.text += text
  const deltaType = kind === "output_text" ? "response.output_text.delta" : "response.refusal.delta"
  const location = { item_id: message.id, output_index: message.outputIndex, content_index: message.parts.length - 1 }
  events.push(emit(state, deltaType, { ...location, delta: text, ...(kind === "output_text" ? { logprobs: [] } : {}) }))
  return events
}

export function closeMessage(state: ChatToResponsesStreamState): SseEvent[] {
  const message = state.message
  if (!message) return []
  state.message = undefined
  const events = closePart(state, message.parts.length - 1, message)
  const item = { id: message.id, type: "message" as const, status: "completed", role: "assistant" as const, content: message.parts.map((part) => wirePart(part.kind, part.text)) }
  state.output[message.outputIndex] = item
  events.push(emit(state, "response.output_item.done", { output_index: message.outputIndex, item }))
  return events
}

function closePart(state: ChatToResponsesStreamState, contentIndex: number, message = state.message): SseEvent[] {
  const part = message?.parts[contentIndex]
  if (!message || !part) return []
  const location = { item_id: message.id, output_index: message.outputIndex, content_index: contentIndex }
  const done =
    part.kind === "output_text"
      ? emit(state, "response.output_text.done", { ...location, text: part.text, logprobs: [] })
      : emit(state, "response.refusal.done", { ...location, refusal: part.text })
  return [done, emit(state, "response.content_part.done", { ...location, part: wirePart(part.kind, part.text) })]
}

function wirePart(kind: OpenPart["kind"], text: string) {
  return kind === "output_text" ? { type: "output_text" as const, text, annotations: [] } : { type: "refusal" as const, refusal: text }
}

/** Appends reasoning text to the open reasoning item (one summary part), opening it as needed. */
export function appendReasoning(state: ChatToResponsesStreamState, text: string): SseEvent[] {
  const events = closeMessage(state)
  if (!state.reasoning) {
    const outputIndex = state.nextOutputIndex++
    state.reasoning = { outputIndex, id: `rs_${state.id}_${outputIndex}`, text: "" }
    const location = { item_id: state.reasoning.id, output_index: outputIndex }
    events.push(emit(state, "response.output_item.added", { output_index: outputIndex, item: { id: state.reasoning.id, type: "reasoning", summary: [] } }))
    events.push(emit(state, "response.reasoning_summary_part.added", { ...location, summary_index: 0, part: { type: "summary_text", text: "" } }))
  }
  const reasoning = state.reasoning
  reasoning.text += text
  events.push(emit(state, "response.reasoning_summary_text.delta", { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, delta: text }))
  return events
}

/**
 * Replayable reasoning (`reasoning_details`, see reasoning-details.ts): the encrypted content
 * and original id complete the open reasoning item; items with no open counterpart are
 * emitted whole.
 */
export function attachReasoningItems(state: ChatToResponsesStreamState, items: ResponsesReasoningItem[]): SseEvent[] {
  const events: SseEvent[] = []
  for (const item of items) {
    const open = state.reasoning
    if (open) {
      if (item.encrypted_content != null) open.encryptedContent = item.encrypted_content
      if (item.id) open.id = item.id
      events.push(...closeReasoning(state))
      continue
    }
    events.push(...closeMessage(state))
    const outputIndex = state.nextOutputIndex++
    const whole = { ...item, id: item.id ?? `rs_${state.id}_${outputIndex}` }
    state.output[outputIndex] = whole
    events.push(emit(state, "response.output_item.added", { output_index: outputIndex, item: { ...whole, summary: [] } }))
    events.push(emit(state, "response.output_item.done", { output_index: outputIndex, item: whole }))
  }
  return events
}

export function closeReasoning(state: ChatToResponsesStreamState): SseEvent[] {
  const reasoning = state.reasoning
  if (!reasoning) return []
  state.reasoning = undefined
  const location = { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0 }
  const summary = reasoning.text ? [{ type: "summary_text" as const, text: reasoning.text }] : []
  const item: ResponsesReasoningItem = { id: reasoning.id, type: "reasoning", summary }
  if (reasoning.encryptedContent !== undefined) item.encrypted_content = reasoning.encryptedContent
  state.output[reasoning.outputIndex] = item
  return [
    emit(state, "response.reasoning_summary_text.done", { ...location, text: reasoning.text }),
    emit(state, "response.reasoning_summary_part.done", { ...location, part: { type: "summary_text", text: reasoning.text } }),
    emit(state, "response.output_item.done", { output_index: reasoning.outputIndex, item }),
  ]
}

/** A tool-call delta: the first one for a Chat tool index opens a function_call item. */
export function appendToolCall(
  state: ChatToResponsesStreamState,
  chatIndex: number,
  id: string | undefined,
  name: string | undefined,
  args: string | undefined,
): SseEvent[] {
  const events = [...closeReasoning(state), ...closeMessage(state)]
  let call = state.toolCalls.get(chatIndex)
  if (!call) {
    const outputIndex = state.nextOutputIndex++
    const callId = toResponsesCallId(id ?? `call_${state.id}_${chatIndex}`)
    call = { outputIndex, id: `fc_${callId}`, callId, name: name ?? "", arguments: "" }
    state.toolCalls.set(chatIndex, call)
    const item = { id: call.id, type: "function_call", status: "in_progress", call_id: callId, name: call.name, arguments: "" }
    events.push(emit(state, "response.output_item.added", { output_index: outputIndex, item }))
  } else if (name && !call.name) call.name = name
  if (args) {
    call.arguments += args
    events.push(emit(state, "response.function_call_arguments.delta", { item_id: call.id, output_index: call.outputIndex, delta: args }))
  }
  return events
}

export function closeToolCalls(state: ChatToResponsesStreamState): SseEvent[] {
  const events: SseEvent[] = []
  for (const call of state.toolCalls.values()) {
    const location = { item_id: call.id, output_index: call.outputIndex }
    const item = { id: call.id, type: "function_call" as const, status: "completed", call_id: call.callId, name: call.name, arguments: call.arguments }
    state.output[call.outputIndex] = item
    events.push(emit(state, "response.function_call_arguments.done", { ...location, name: call.name, arguments: call.arguments }))
    events.push(emit(state, "response.output_item.done", { output_index: call.outputIndex, item }))
  }
  state.toolCalls.clear()
  return events
}
