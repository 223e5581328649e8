import { join } from "node:path"
import { readJsonFile, updateJsonFile, type JsonObject } from "~/auth/credential-file"
import { xdgCacheHome } from "~/config/paths"

/** What `auth status` shows about the account behind a token. */
export interface ClaudeAccount {
  email?: string
  name?: string
  uuid?: string
  organization?: string
  plan?: string
}

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined)

/** The profile endpoint's answer, reduced to what status shows; plan from the has_claude_* flags. */
export function accountFromProfile(profile: JsonObject): ClaudeAccount {
  const account = (profile.account ?? {}) as JsonObject
  const organization = (profile.organization ?? {}) as JsonObject
  const plan = account.has_claude_max ? "max" : account.has_claude_pro ? "pro" : "free"
  return { email: text(account.email), name: text(account.full_name) ?? text(account.display_name), uuid: text(account.uuid), organization: text(organization.name), plan }
}

/** `$XDG_CACHE_HOME/ccproxy/claude-profiles.json`: our own cache, keyed by credentials file. */
export function profileCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgCacheHome(env), "ccproxy", "claude-profiles.json")
}

/**
 * The account for status: fetched with the access token (sent only to the configured
 * profile URL), else the last cached answer for this credentials file. Never throws.
 */
export async function lookUpAccount(options: { profileUrl: string; accessToken: string; credentialsPath: string; timeoutMs: number; cachePath?: string }): Promise<{ account?: ClaudeAccount; cachedAt?: string; error?: string }> {
  const cachePath = options.cachePath ?? profileCachePath()
  try {
    const response = await fetch(options.profileUrl, {
      headers: { Authorization: `Bearer ${options.accessToken}`, Accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    if (!response.ok) throw new Error(`profile endpoint answered HTTP ${response.status}`)
    const account = accountFromProfile((await response.json()) as JsonObject)
    try {
      updateJsonFile(cachePath, (cache) => ({ ...cache, [options.credentialsPath]: { fetched_at: new Date().toISOString(), account } }))
    } catch {
      // a cache that cannot be written only costs the next lookup
    }
    return { account }
  } catch (error) {
    const cached = readCachedAccount(cachePath, options.credentialsPath)
    return { ...cached, error: (error as Error).message }
  }
}

function readCachedAccount(cachePath: string, credentialsPath: string): { account?: ClaudeAccount; cachedAt?: string } {
  try {
    const entry = readJsonFile(cachePath)?.[credentialsPath] as { fetched_at?: string; account?: ClaudeAccount } | undefined
    return entry?.account ? { account: entry.account, cachedAt: entry.fetched_at } : {}
  } catch {
    return {}
  }
}
