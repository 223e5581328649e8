const BILLING_HEADER = "x-anthropic-billing-header:"

/**
 * Removes Claude Code's `x-anthropic-billing-header: ...; cch=<hash>` lines. The hash changes
 * every request, so forwarding it to an OpenAI upstream would defeat its prompt cache.
 */
export function stripBillingHeader(text: string): string {
  if (!text.toLowerCase().includes(BILLING_HEADER)) return text
  return text
    .split("\n")
    .filter((line) => !line.trim().toLowerCase().startsWith(BILLING_HEADER))
    .join("\n")
}

/** System text from a string or text blocks: billing lines stripped, blocks joined by a blank line. */
export function systemText(system: unknown): string {
  if (typeof system === "string") return stripBillingHeader(system)
  if (!Array.isArray(system)) return ""
  const texts: string[] = []
  for (const block of system) {
    if (typeof block !== "object" || block === null) continue
    const text = (block as { text?: unknown }).text
    if (typeof text !== "string") continue
    const stripped = stripBillingHeader(text)
    if (stripped.trim().length > 0) texts.push(stripped)
  }
  return texts.join("\n\n")
}
