import type { AnthropicTextBlock } from "../../anthropic/schema"

const BILLING_HEADER = "x-anthropic-billing-header:"

/**
 * Removes Claude Code's `x-anthropic-billing-header: cc_version=…; cch=<hash>;` lines: the
 * hash changes every request, so forwarding it gives every turn a new prompt prefix and
 * kills prompt caching upstream (ccproxy-api #61).
 */
export function stripBillingHeader(text: string): string {
  if (!text.toLowerCase().includes(BILLING_HEADER)) return text
  return text
    .split("\n")
    .filter((line) => !line.trim().toLowerCase().startsWith(BILLING_HEADER))
    .join("\n")
}

/** Text of a system prompt (string or text blocks), blocks joined by a blank line; undefined when empty. */
export function systemText(system: string | AnthropicTextBlock[] | undefined): string | undefined {
  if (system === undefined) return undefined
  const parts = (typeof system === "string" ? [system] : system.map((block) => block.text))
    .map(stripBillingHeader)
    .filter((part) => part.trim().length > 0)
  return parts.length > 0 ? parts.join("\n\n") : undefined
}
