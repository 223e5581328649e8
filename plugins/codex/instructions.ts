import { stripBillingHeader } from "~/formats/shared/billing-header"
import type { ConversionContext } from "~/formats/types"
import { warnOnce } from "./warn"

type Json = Record<string, unknown>

const TEXT_PARTS = new Set(["input_text", "output_text", "text"])

/** The text of a message's content, string or parts; non-text parts are reported and skipped. */
function contentText(content: unknown, path: string, ctx: ConversionContext): string {
  if (typeof content === "string") return content
  if (!Array.isArray(content)) return ""
  const texts: string[] = []
  content.forEach((part: Json, index) => {
    if (part && TEXT_PARTS.has(String(part.type)) && typeof part.text === "string") texts.push(part.text)
    else warnOnce(ctx, "field_dropped", `${path}.content[${index}]`, `a ${String(part?.type)} part in a system/developer message cannot go into instructions; dropped`)
  })
  return texts.join("\n\n")
}

const isInstructionItem = (item: unknown): item is Json => {
  const candidate = item as Json | null
  return !!candidate && typeof candidate === "object" && (candidate.type === "message" || candidate.type === undefined) && (candidate.role === "system" || candidate.role === "developer")
}

/**
 * Moves `system` and `developer` input items into `instructions`, in order after the
 * client's own instructions (the backend rejects system items, and the prefix stays stable
 * for prompt caching). Claude Code billing header lines are removed; `fallback` is used
 * when nothing is left, since the backend requires instructions.
 */
export function moveInstructions(body: Json, fallback: string, ctx: ConversionContext): void {
  const parts: string[] = []
  if (typeof body.instructions === "string") parts.push(body.instructions)
  if (typeof body.input === "string") body.input = [{ type: "message", role: "user", content: [{ type: "input_text", text: body.input }] }]
  if (Array.isArray(body.input)) {
    body.input = body.input.filter((item, index) => {
      if (!isInstructionItem(item)) return true
      parts.push(contentText(item.content, `input[${index}]`, ctx))
      return false
    })
  }
  const text = parts.map(stripBillingHeader).filter((part) => part.trim() !== "").join("\n\n")
  if (text) body.instructions = text
  else if (fallback) body.instructions = fallback
  else delete body.instructions
}
