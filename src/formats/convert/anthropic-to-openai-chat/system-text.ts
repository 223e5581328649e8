import { stripBillingHeader } from "../../shared/billing-header"

export { stripBillingHeader }

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
