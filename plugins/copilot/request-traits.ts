import type { FormatId } from "~/formats/types"

type Json = Record<string, unknown>

export type Initiator = "user" | "agent"

const asItems = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((item): item is Json => !!item && typeof item === "object") : [])

/** Responses items the model produced: what ends the previous turn. */
const isModelOutput = (item: Json) => item.role === "assistant" || item.type === "reasoning" || (typeof item.type === "string" && item.type.endsWith("_call"))
const isToolOutput = (item: Json) => item.role === "tool" || (typeof item.type === "string" && item.type.endsWith("_call_output"))

/**
 * Who started this request, for Copilot's `X-Initiator`: `user` when the messages after the
 * model's last turn are a person's new message, `agent` when they carry tool results (an
 * agent loop going on; Claude Code puts reminder text next to its tool results, which does
 * not make them a new user turn). Copilot bills a premium request only for `user`.
 * Decided on the upstream body, so it holds whatever format the client spoke.
 */
export function initiatorOf(body: Json, format: FormatId): Initiator {
  if (format === "openai.responses" && typeof body.input === "string") return "user"
  const items = asItems(format === "openai.responses" ? body.input : body.messages)
  const lastModelTurn = items.findLastIndex(isModelOutput)
  const tail = items.slice(lastModelTurn + 1)
  if (tail.some(isToolOutput)) return "agent"
  return tail.some((item) => item.role === "user") ? "user" : "agent"
}

const IMAGE_PARTS = new Set(["image_url", "input_image"])

const hasImagePart = (content: unknown): boolean => asItems(content).some((part) => IMAGE_PARTS.has(String(part.type)) || hasImagePart(part.content) || hasImagePart(part.output))

/** Whether any message carries an image: Copilot wants `Copilot-Vision-Request: true` then. */
export function carriesImages(body: Json, format: FormatId): boolean {
  const items = asItems(format === "openai.responses" ? body.input : body.messages)
  return items.some((item) => hasImagePart(item.content) || hasImagePart(item.output))
}
