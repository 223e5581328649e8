import { defineCommand } from "citty"
import type { TObject, TSchema } from "@sinclair/typebox"
import { loadValidConfig } from "~/config/load"
import { describeType } from "~/config/schema-walk"
import { didYouMean } from "~/config/suggest"
import { UsageError } from "~/core/errors"
import { configureLogging } from "~/core/log"
import { loadPluginSystem } from "~/core/plugins/system"
import { VERSION } from "~/version"

export interface SettingField {
  key: string
  type: string
  default: unknown
  description: string
  secret: boolean
}

/** A plugin's config fields from its schema, nested tables flattened to dotted keys. */
export function settingFields(schema: TObject, prefix = ""): SettingField[] {
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([key, field]) =>
    field.type === "object" && field.properties
      ? settingFields(field as TObject, `${prefix}${key}.`)
      : [{ key: `${prefix}${key}`, type: describeType(field), default: field.default ?? null, description: field.description ?? "", secret: Boolean(field.secret) }],
  )
}

export async function runPluginSettings(name: string, json: boolean, options: { configPath?: string; pluginDirs?: string[] } = {}): Promise<number> {
  configureLogging({ level: "CRITICAL", format: "pretty" })
  const flags = options.pluginDirs?.length ? [{ path: ["plugin_dirs"], value: options.pluginDirs, flag: "--plugin-dir" }] : []
  const system = await loadPluginSystem(loadValidConfig({ configPath: options.configPath, flags }), VERSION)
  const entry = system.registry.get(name)
  if (!entry) {
    const suggestion = didYouMean(name, system.registry.all().map((candidate) => candidate.name))
    throw new UsageError(`no plugin named ${name}; ${suggestion ? `did you mean ${suggestion}? ` : ""}\`ccproxy plugins list\` shows them`)
  }
  const fields = settingFields(entry.factory.manifest.configSchema as TObject)
  if (json) {
    console.log(JSON.stringify({ plugin: name, section: `plugins.${name}`, fields }, null, 2))
    return 0
  }
  console.log(`[plugins.${name}]  (env: PLUGINS__${name.toUpperCase()}__<KEY>)`)
  for (const field of fields) {
    console.log(`  ${field.key} (${field.type}) = ${JSON.stringify(field.default)}${field.secret ? "  [secret]" : ""}`)
    if (field.description) console.log(`      ${field.description}`)
  }
  return 0
}

export const settingsCommand = defineCommand({
  meta: { name: "settings", description: "A plugin's config fields: types, defaults, descriptions" },
  args: {
    name: { type: "positional", description: "Plugin name", required: true },
    json: { type: "boolean", description: "Print JSON" },
    config: { type: "string", alias: ["c"], description: "Config file" },
    "plugin-dir": { type: "string", description: "Folder of external plugins (repeatable)" },
  },
  run: async ({ args, rawArgs }) => {
    const { repeatedFlag } = await import("../config-flags")
    return runPluginSettings(String(args.name), Boolean(args.json), { configPath: args.config as string | undefined, pluginDirs: repeatedFlag(rawArgs, "plugin-dir") })
  },
})
