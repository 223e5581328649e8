import { readFileSync } from "node:fs"
import { homedir } from "node:os"
import { join } from "node:path"

type Json = Record<string, unknown>

const CREATED = 1_760_000_000

/** `$CODEX_HOME/models_cache.json` (else `~/.codex/...`): the Codex CLI's catalog of the models this account can use. */
export function codexModelsCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CODEX_HOME || join(env.HOME || homedir(), ".codex"), "models_cache.json")
}

/** The cached catalog entries (`{slug, display_name, visibility, priority, ...}`); empty when there is no readable cache. */
export function readModelsCache(path = codexModelsCachePath()): Json[] {
  try {
    const models = (JSON.parse(readFileSync(path, "utf8")) as Json).models
    return Array.isArray(models) ? models.filter((entry): entry is Json => !!entry && typeof entry === "object" && typeof (entry as Json).slug === "string") : []
  } catch {
    return []
  }
}

function card(id: string, displayName = id) {
  return { id, object: "model", type: "model", created: CREATED, created_at: new Date(CREATED * 1000).toISOString(), owned_by: "openai", display_name: displayName, slug: id }
}

/**
 * GET /codex/v1/models: the configured ids, then the listed models of the Codex CLI's cache
 * by priority, in a shape the OpenAI and Anthropic SDKs both read (`data`). The cache entries
 * themselves go in `models`, the shape the Codex CLI reads.
 */
export function codexModelsList(configured: readonly string[], cache: Json[]) {
  const listed = cache
    .filter((entry) => entry.visibility !== "hide")
    .sort((a, b) => Number(a.priority ?? Infinity) - Number(b.priority ?? Infinity))
  const names = new Map<string, string>(configured.map((id) => [id, id]))
  for (const entry of listed) if (!names.has(String(entry.slug))) names.set(String(entry.slug), String(entry.display_name ?? entry.slug))
  const data = [...names].map(([id, displayName]) => card(id, displayName))
  const list: Json = { object: "list", data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
  if (cache.length > 0) list.models = cache
  return list
}
