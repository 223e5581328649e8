/** Older or alternative names for a model, after normalisation. */
const ALIASES: Readonly<Record<string, string>> = {
  "claude-opus-4-0": "claude-opus-4",
  "claude-sonnet-4-0": "claude-sonnet-4",
  "claude-3-7-sonnet-latest": "claude-3-7-sonnet",
  "claude-sonnet-3-7": "claude-3-7-sonnet",
  "claude-sonnet-3-5": "claude-3-5-sonnet",
  "claude-haiku-3-5": "claude-3-5-haiku",
  "claude-opus-3": "claude-3-opus",
  "claude-haiku-3": "claude-3-haiku",
  "chatgpt-4o-latest": "gpt-4o",
}

/** `anthropic/claude-x`, `bedrock/anthropic.claude-x-v2:0`, `claude-x@20250929`, `claude-x[1m]` → the bare name, lower case. */
export function bareModelName(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^.*\//, "")
    .replace(/^(anthropic|openai)\./, "")
    .replace(/\[[^\]]*\]$/, "")
    .replace(/-v\d+:\d+$/, "")
    .replace(/@.*$/, "")
}

/**
 * The family name prices are kept under: date suffixes (`-20250929`, `-2025-04-14`) and
 * `-latest` dropped, Claude version dots written as dashes (`claude-opus-4.5` → `claude-opus-4-5`),
 * aliases resolved.
 */
export function normalizeModelName(model: string): string {
  let name = bareModelName(model)
    .replace(/-\d{8}$/, "")
    .replace(/-\d{4}-\d{2}-\d{2}$/, "")
    .replace(/-latest$/, "")
  if (name.startsWith("claude")) name = name.replace(/(\d)\.(\d)/g, "$1-$2")
  return ALIASES[name] ?? name
}

/** Keys to try, most specific first: the exact (bare) name, then its family. */
export function lookupKeys(model: string): string[] {
  const exact = bareModelName(model)
  const family = normalizeModelName(model)
  return exact === family ? [exact] : [exact, family]
}
