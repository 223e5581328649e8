import type { ConversionWarning } from "~/formats/types"
import { carriesOpenAIReasoning, type AnthropicThinkingLike } from "~/formats/openai-responses/reasoning-carrier"

type Message = { role?: string; content?: unknown }

function isForeignReasoning(block: unknown): boolean {
  const candidate = block as AnthropicThinkingLike | undefined
  if (candidate?.type !== "thinking" && candidate?.type !== "redacted_thinking") return false
  const carried = candidate.type === "thinking" ? candidate.signature : candidate.data
  return typeof carried === "string" && carriesOpenAIReasoning(candidate)
}

/**
 * Removes OpenAI reasoning that earlier turns carried inside thinking blocks (a conversation
 * that was on a ChatGPT subscription before): Anthropic cannot verify those signatures and
 * would reject the request. A message left empty goes, and same-role neighbours are merged.
 */
export function dropForeignReasoning(body: Record<string, unknown>, warnings: ConversionWarning[]): void {
  if (!Array.isArray(body.messages)) return
  let removed = 0
  const kept: Message[] = []
  for (const message of body.messages as Message[]) {
    if (!Array.isArray(message.content)) {
      kept.push(message)
      continue
    }
    const content = message.content.filter((block) => !isForeignReasoning(block))
    removed += message.content.length - content.length
    if (content.length === 0) continue
    const previous = kept.at(-1)
    const current = content.length === message.content.length ? message : { ...message, content }
    if (previous && previous.role === current.role && Array.isArray(previous.content) && Array.isArray(current.content)) {
      kept[kept.length - 1] = { ...previous, content: [...previous.content, ...current.content] }
    } else kept.push(current)
  }
  if (removed === 0) return
  body.messages = kept
  warnings.push({ code: "field_dropped", path: "messages", message: `${removed} reasoning block(s) from an OpenAI model were removed: Anthropic cannot verify them` })
}
