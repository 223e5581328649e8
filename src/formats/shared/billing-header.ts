const BILLING_HEADER = "x-anthropic-billing-header:"

/**
 * Removes Claude Code's `x-anthropic-billing-header: cc_version=…; cch=<hash>;` lines: the
 * hash changes every request, so forwarding it to an OpenAI upstream gives every turn a new
 * prompt prefix and defeats its prompt cache (ccproxy-api #61).
 */
export function stripBillingHeader(text: string): string {
  if (!text.toLowerCase().includes(BILLING_HEADER)) return text
  return text
    .split("\n")
    .filter((line) => !line.trim().toLowerCase().startsWith(BILLING_HEADER))
    .join("\n")
}
