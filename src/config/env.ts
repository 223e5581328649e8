import type { TSchema } from "@sinclair/typebox"
import { coerceFromString, isObjectSchema, schemaAt } from "./schema-walk"

export interface EnvEntry {
  path: string[]
  raw: string
  variable: string
}

const PREFIX = "CCPROXY_"

/**
 * Settings from the environment: nested keys joined with `__` (`SERVER__PORT`,
 * `PLUGINS__ACCESS_LOG__ENABLED`), bare or with a `CCPROXY_` prefix, which wins.
 * Only keys the core schema knows are taken (plugin keys are checked once plugins load),
 * so unrelated variables such as HOME are never read as settings.
 */
export function readEnvEntries(schema: TSchema, env: Record<string, string | undefined>): EnvEntry[] {
  const byKey = new Map<string, EnvEntry>()
  const candidates = Object.entries(env).sort(([a], [b]) => Number(a.startsWith(PREFIX)) - Number(b.startsWith(PREFIX)))
  for (const [variable, raw] of candidates) {
    // An empty variable means "not set", so `SECURITY__AUTH_TOKEN=` turns nothing on by accident.
    if (raw === undefined || raw === "" || variable === "CCPROXY_CONFIG") continue
    const name = variable.startsWith(PREFIX) ? variable.slice(PREFIX.length) : variable
    const path = name.toLowerCase().split("__")
    if (path.some((part) => part === "")) continue
    if (!isSettingPath(schema, path)) continue
    byKey.set(path.join("."), { path, raw, variable })
  }
  return [...byKey.values()]
}

function isSettingPath(schema: TSchema, path: string[]): boolean {
  if (path[0] === "plugins") return path.length >= 3
  const target = schemaAt(schema, path)
  return target !== undefined && !isObjectSchema(target)
}

/** The typed value of an entry, by the schema of its key (raw string when unknown). */
export function coerceEnvEntry(schema: TSchema, entry: EnvEntry): unknown {
  return coerceFromString(schemaAt(schema, entry.path), entry.raw)
}
