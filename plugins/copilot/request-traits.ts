import type { FormatId } from "~/formats/types"

type Json = Record<string, unknown>

export type Initiator = "user" | "agent"

const asItems = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((item): item is Json => !!item && typeof item === "object") : [])

/** Responses items the model produced: what ends the previous turn. */
const isModelOutput = (item: Json) => item.role === "assistant" || item.type === "reasoning" || (typeof item.type === "string" && item.type.endsWith("_call"))
const isToolOutput = (item: Json) => item.role === "tool" || (typeof item.type === "string" && item.type.endsWith("_call_output"))

const REMINDERS_ONLY = /^\s*(?:<system-reminder>[\s\S]*?<\/system-reminder>\s*)+$/
const TEXT_PARTS = new Set(["text", "input_text"])
const IMAGE_PARTS = new Set(["image_url", "input_image"])

/** A message's content as parts; a string is one text part. */
const partsOf = (content: unknown): Json[] => (typeof content === "string" ? [{ type: "text", text: content }] : asItems(content))

const isReminderText = (part: Json) => TEXT_PARTS.has(String(part.type)) && typeof part.text === "string" && REMINDERS_ONLY.test(part.text)

/**
 * A user message no person typed in this round: only Claude Code's `<system-reminder>` text,
 * or images (tool results' images, which Chat Completions cannot carry in a tool message, so
 * the conversion puts them in a user message right after).
 */
function isSyntheticUserMessage(item: Json): boolean {
  const parts = partsOf(item.content)
  return parts.length > 0 && parts.every((part) => isReminderText(part) || IMAGE_PARTS.has(String(part.type)))
}

/**
 * Who started this request, for Copilot's `X-Initiator`: `agent` when the messages after the
 * model's last turn carry tool results and nothing a person wrote (Claude Code's
 * `<system-reminder>` text next to its tool results does not count), `user` when they carry a
 * person's new words, tool results or not. Copilot bills a premium request only for `user`.
 * Decided on the upstream body, so it holds whatever format the client spoke.
 */
export function initiatorOf(body: Json, format: FormatId): Initiator {
  if (format === "openai.responses" && typeof body.input === "string") return "user"
  const items = asItems(format === "openai.responses" ? body.input : body.messages)
  const lastModelTurn = items.findLastIndex(isModelOutput)
  const tail = items.slice(lastModelTurn + 1)
  const users = tail.filter((item) => item.role === "user")
  if (tail.some(isToolOutput)) return users.every(isSyntheticUserMessage) ? "agent" : "user"
  return users.length > 0 ? "user" : "agent"
}

/** The text of a reminder-only user message, or undefined when it holds anything else. */
function reminderText(item: Json): string | undefined {
  if (item.role !== "user") return undefined
  const parts = partsOf(item.content)
  if (parts.length === 0 || !parts.every(isReminderText)) return undefined
  return parts.map((part) => String(part.text)).join("\n\n")
}

function appendText(output: Json, field: "content" | "output", text: string, partType: string): void {
  const current = output[field]
  if (Array.isArray(current)) output[field] = [...current, { type: partType, text }]
  else output[field] = typeof current === "string" && current !== "" ? `${current}\n\n${text}` : text
}

/**
 * Folds reminder-only user messages that follow tool results into the last of those results
 * (Claude Code sends `<system-reminder>` text in the same user turn as its tool results; the
 * conversion makes that a user message after the tool messages). The text reaches the model
 * all the same, and the round ends on a tool result, as an `agent` call should: Copilot
 * reads the last message's role too (an `agent` call ending on a user message has been
 * answered "invalid initiator", and billed as a user turn). Done all through the history, so
 * every turn sends earlier rounds the same way and the prompt cache keeps matching.
 */
export function foldReminderMessages(body: Json, format: FormatId): void {
  const field = format === "openai.responses" ? "input" : "messages"
  const items = body[field]
  if (!Array.isArray(items)) return
  const kept: unknown[] = []
  let lastTool: Json | undefined
  for (const item of items) {
    const json = item && typeof item === "object" ? (item as Json) : undefined
    const text = json && lastTool ? reminderText(json) : undefined
    if (text !== undefined && lastTool) {
      if (format === "openai.responses") appendText(lastTool, "output", text, "input_text")
      else appendText(lastTool, "content", text, "text")
      continue
    }
    if (json && isToolOutput(json)) {
      const copy = { ...json }
      kept.push(copy)
      lastTool = copy
      continue
    }
    lastTool = undefined
    kept.push(item)
  }
  if (kept.length !== items.length) body[field] = kept
}

const hasImagePart = (content: unknown): boolean => asItems(content).some((part) => IMAGE_PARTS.has(String(part.type)) || hasImagePart(part.content) || hasImagePart(part.output))

/** Whether any message carries an image: Copilot wants `Copilot-Vision-Request: true` then. */
export function carriesImages(body: Json, format: FormatId): boolean {
  const items = asItems(format === "openai.responses" ? body.input : body.messages)
  return items.some((item) => hasImagePart(item.content) || hasImagePart(item.output))
}
