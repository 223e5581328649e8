/** The identity line Anthropic expects first in `system` for requests made with a Claude Code OAuth token. */
export const CLAUDE_CODE_IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude."

const KNOWN_IDENTITIES = [/^You are Claude Code\b/, /^You are a Claude agent, built on Anthropic's Claude Agent SDK/]
const BILLING_LINE = /^\s*x-anthropic-billing-header:/i

type TextBlock = { type: string; text?: string; [key: string]: unknown }

function toBlocks(system: unknown): TextBlock[] {
  if (typeof system === "string") return system === "" ? [] : [{ type: "text", text: system }]
  return Array.isArray(system) ? (system as TextBlock[]) : []
}

/**
 * Removes per-request `x-anthropic-billing-header:` lines: Claude Code puts a changing hash in
 * them, which would give every request a new prompt prefix and defeat prompt caching.
 * A block left empty is dropped.
 */
export function withoutBillingLines(blocks: TextBlock[]): TextBlock[] {
  const kept: TextBlock[] = []
  for (const block of blocks) {
    if (block.type !== "text" || typeof block.text !== "string" || !block.text.split("\n").some((line) => BILLING_LINE.test(line))) {
      kept.push(block)
      continue
    }
    const text = block.text.split("\n").filter((line) => !BILLING_LINE.test(line)).join("\n")
    if (text.trim() !== "") kept.push({ ...block, text })
  }
  return kept
}

function hasIdentity(blocks: TextBlock[]): boolean {
  return blocks.some((block) => typeof block.text === "string" && KNOWN_IDENTITIES.some((identity) => identity.test(block.text!.trimStart())))
}

/**
 * The `system` to send: billing lines removed, and the identity block (plus the configured
 * full prompt) first unless the client already sent an identity or injection is off.
 */
export function prepareSystem(system: unknown, mode: "none" | "minimal" | "full", fullPrompt: string): TextBlock[] | string | undefined {
  const original = toBlocks(system)
  const blocks = withoutBillingLines(original)
  if (mode === "none" || hasIdentity(blocks)) {
    if (blocks.length === original.length) return system as TextBlock[] | string | undefined
    return blocks
  }
  const injected: TextBlock[] = [{ type: "text", text: CLAUDE_CODE_IDENTITY }]
  if (mode === "full" && fullPrompt.trim()) injected.push({ type: "text", text: fullPrompt })
  return [...injected, ...blocks]
}
