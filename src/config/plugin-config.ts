import type { TSchema } from "@sinclair/typebox"
import { Value } from "@sinclair/typebox/value"
import { coerceEnvEntry } from "./env"
import type { LoadedConfig } from "./load"
import { validationProblems } from "./load"
import { schemaAt, setPath } from "./schema-walk"
import { unknownKeyWarnings } from "./unknown-keys"

export interface PluginConfigResult {
  config: Record<string, unknown>
  problems: string[]
  warnings: string[]
}

/**
 * One plugin's settings: its `[plugins.<name>]` table, overlaid with its
 * `PLUGINS__<NAME>__*` variables (typed by its schema), defaults filled, validated.
 * Records each key's source in `loaded.sources`.
 */
export function resolvePluginConfig(loaded: LoadedConfig, name: string, schema: TSchema): PluginConfigResult {
  const section = structuredClone((loaded.settings.plugins[name] ?? {}) as Record<string, unknown>)
  const prefix = ["plugins", name]
  for (const entry of loaded.pluginEnv.filter((entry) => entry.path[1] === name)) {
    const keyPath = entry.path.slice(2)
    const flagged = loaded.sources.get(entry.path.join("."))?.kind === "flag"
    if (flagged || !schemaAt(schema, keyPath)) continue
    setPath(section, keyPath, coerceEnvEntry(schema, { ...entry, path: keyPath }))
    loaded.sources.set(entry.path.join("."), { kind: "env", detail: entry.variable })
  }
  const config = Value.Default(schema, section) as Record<string, unknown>
  const problems = validationProblems(schema, config, loaded.sources, prefix)
  const where = loaded.file ?? "settings"
  const warnings = unknownKeyWarnings(schema, loaded.settings.plugins[name], prefix, where)
  for (const entry of loaded.pluginEnv.filter((entry) => entry.path[1] === name && !schemaAt(schema, entry.path.slice(2)))) {
    warnings.push(`unknown setting ${entry.path.join(".")} from env ${entry.variable}`)
  }
  loaded.settings.plugins[name] = config
  return { config, problems, warnings }
}
