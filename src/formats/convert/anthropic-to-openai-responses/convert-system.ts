import type { AnthropicTextBlock } from "../../anthropic/schema"
import { stripBillingHeader } from "../../shared/billing-header"

/** Text of a system prompt (string or text blocks), blocks joined by a blank line; undefined when empty. */
export function systemText(system: string | AnthropicTextBlock[] | undefined): string | undefined {
  if (system === undefined) return undefined
  const parts = (typeof system === "string" ? [system] : system.map((block) => block.text))
    .map(stripBillingHeader)
    .filter((part) => part.trim().length > 0)
  return parts.length > 0 ? parts.join("\n\n") : undefined
}
