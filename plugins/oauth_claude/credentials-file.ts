import { homedir } from "node:os"
import { join } from "node:path"
import type { JsonObject } from "~/auth/credential-file"
import type { TokenRecord } from "~/auth/token-store"

/** `claudeAiOauth` in Claude Code's `.credentials.json`; keys we do not know are kept. */
export interface ClaudeOAuthEntry {
  accessToken: string
  refreshToken?: string
  /** Epoch milliseconds. */
  expiresAt?: number
  scopes?: string[]
  subscriptionType?: string
  [key: string]: unknown
}

export const ENTRY_KEY = "claudeAiOauth"

/** The configured file, else `$CLAUDE_CONFIG_DIR/.credentials.json`, else `~/.claude/.credentials.json`. */
export function claudeCredentialsPath(configured: string, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) return configured.startsWith("~/") ? join(env.HOME || homedir(), configured.slice(2)) : configured
  if (env.CLAUDE_CONFIG_DIR) return join(env.CLAUDE_CONFIG_DIR, ".credentials.json")
  return join(env.HOME || homedir(), ".claude", ".credentials.json")
}

/** The OAuth entry of a credentials object; undefined when it has none with an access token. */
export function claudeEntry(data: JsonObject | undefined): ClaudeOAuthEntry | undefined {
  const entry = data?.[ENTRY_KEY]
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return undefined
  const accessToken = (entry as JsonObject).accessToken
  return typeof accessToken === "string" && accessToken !== "" ? (entry as ClaudeOAuthEntry) : undefined
}

export function entryToRecord(entry: ClaudeOAuthEntry): TokenRecord {
  return {
    accessToken: entry.accessToken,
    refreshToken: typeof entry.refreshToken === "string" && entry.refreshToken !== "" ? entry.refreshToken : undefined,
    expiresAt: typeof entry.expiresAt === "number" && Number.isFinite(entry.expiresAt) ? entry.expiresAt : undefined,
  }
}

/** The credentials object with `entry` as its whole entry (undefined fields left out); other top-level keys stay. */
export function withNewEntry(data: JsonObject, entry: Partial<ClaudeOAuthEntry>): JsonObject {
  return { ...data, [ENTRY_KEY]: Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) }
}

/**
 * The credentials object with `update` merged into its entry (on top of `base` when the file
 * has none yet): other top-level keys and unknown entry keys stay. An undefined `expiresAt`
 * removes a stale one.
 */
export function withEntry(data: JsonObject, update: Partial<ClaudeOAuthEntry>, base?: ClaudeOAuthEntry): JsonObject {
  const existing = data[ENTRY_KEY]
  const previous = existing && typeof existing === "object" && !Array.isArray(existing) ? (existing as JsonObject) : (base ?? {})
  const merged: JsonObject = { ...previous }
  for (const [key, value] of Object.entries(update)) if (value !== undefined) merged[key] = value
  if ("expiresAt" in update && update.expiresAt === undefined) delete merged.expiresAt
  return { ...data, [ENTRY_KEY]: merged }
}
