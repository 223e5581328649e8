import type { ResponsesReasoningItem } from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"

/**
 * How Responses reasoning items travel inside Chat Completions assistant messages.
 *
 * A chat message carries two non-standard fields:
 * - `reasoning_content`: the readable summary text (what DeepSeek, vLLM and most chat
 *   clients display), summary parts joined by a blank line;
 * - `reasoning_details`: the items themselves, in OpenRouter's `reasoning_details` shape
 *   (`reasoning.summary` / `reasoning.text` / `reasoning.encrypted` entries tagged with
 *   the item `id` and an `index` per item), which clients that support reasoning replay
 *   echo back unchanged. `encrypted_content` is carried byte-exact in `data`, so the next
 *   turn hands the Codex backend exactly what it produced.
 *
 * No `<thinking>` text is ever put into `content`.
 */
export const REASONING_DETAILS_FORMAT = "openai-responses-v1"

export interface ReasoningDetail {
  type: "reasoning.summary" | "reasoning.text" | "reasoning.encrypted"
  id?: string
  format: string
  index: number
  summary?: string
  text?: string
  data?: string
}

/** The details for one reasoning item; `index` numbers the item within its message. */
export function reasoningDetailsFromItem(item: ResponsesReasoningItem, index: number): ReasoningDetail[] {
  const base = { ...(item.id === undefined ? {} : { id: item.id }), format: REASONING_DETAILS_FORMAT, index }
  const details: ReasoningDetail[] = []
  for (const part of item.summary) details.push({ type: "reasoning.summary", ...base, summary: part.text })
  for (const part of item.content ?? []) details.push({ type: "reasoning.text", ...base, text: part.text })
  if (item.encrypted_content) details.push({ type: "reasoning.encrypted", ...base, data: item.encrypted_content })
  // An item with nothing in it still keeps its id across the round trip.
  if (details.length === 0) details.push({ type: "reasoning.summary", ...base, summary: "" })
  return details
}

export interface ReadReasoningItems {
  items: ResponsesReasoningItem[]
  /** Entries of another format (e.g. Anthropic thinking), which the Responses API cannot replay. */
  foreign: number
}

/**
 * Rebuilds reasoning items from details, grouping by `index` in first-seen order. Only
 * entries in {@link REASONING_DETAILS_FORMAT} are read: another vendor's `data` is no
 * Responses `encrypted_content`.
 */
export function reasoningItemsFromDetails(details: readonly unknown[]): ReadReasoningItems {
  const items = new Map<string, ResponsesReasoningItem>()
  let foreign = 0
  for (const raw of details) {
    if (typeof raw !== "object" || raw === null) continue
    if ((raw as { format?: unknown }).format !== REASONING_DETAILS_FORMAT) {
      foreign++
      continue
    }
    if (!isDetail(raw)) continue
    const key = `${raw.index ?? ""}:${raw.id ?? ""}`
    let item = items.get(key)
    if (!item) {
      item = { type: "reasoning", ...(raw.id === undefined ? {} : { id: raw.id }), summary: [] }
      items.set(key, item)
    }
    addDetail(item, raw)
  }
  return { items: [...items.values()], foreign }
}

export function foreignReasoningWarning(path: string): ConversionWarning {
  return { code: "unsupported", path, message: "reasoning_details of another format cannot be replayed to the Responses API; dropped" }
}

function addDetail(item: ResponsesReasoningItem, detail: ReasoningDetail): void {
  switch (detail.type) {
    case "reasoning.summary":
      if (detail.summary) item.summary.push({ type: "summary_text", text: detail.summary })
      break
    case "reasoning.text":
      item.content = [...(item.content ?? []), { type: "reasoning_text", text: detail.text ?? "" }]
      break
    case "reasoning.encrypted":
      item.encrypted_content = detail.data ?? ""
      break
    default:
      break
  }
}

function isDetail(value: unknown): value is ReasoningDetail {
  if (typeof value !== "object" || value === null) return false
  const type = (value as { type?: unknown }).type
  return type === "reasoning.summary" || type === "reasoning.text" || type === "reasoning.encrypted"
}

/** The readable text of reasoning items: summary parts (or raw reasoning text) joined by blank lines. */
export function reasoningTextOf(items: readonly ResponsesReasoningItem[]): string {
  const parts: string[] = []
  for (const item of items) {
    const texts = item.summary.length > 0 ? item.summary.map((part) => part.text) : (item.content ?? []).map((part) => part.text)
    parts.push(...texts.filter((text) => text.length > 0))
  }
  return parts.join("\n\n")
}
