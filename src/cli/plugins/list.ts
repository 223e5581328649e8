import { defineCommand } from "citty"
import { loadValidConfig } from "~/config/load"
import { configureLogging } from "~/core/log"
import { loadPluginSystem } from "~/core/plugins/system"
import { VERSION } from "~/version"

export interface PluginListing {
  name: string
  type: string
  version: string | null
  enabled: boolean
  /** Why it will not run, when it will not. */
  reason: string | null
  source: string
}

/** Every discovered plugin: bundled and external, including those that failed to load. */
export async function listPlugins(options: { configPath?: string; pluginDirs?: string[] }): Promise<PluginListing[]> {
  const flags = options.pluginDirs?.length ? [{ path: ["plugin_dirs"], value: options.pluginDirs, flag: "--plugin-dir" }] : []
  const loaded = loadValidConfig({ configPath: options.configPath, flags })
  const system = await loadPluginSystem(loaded, VERSION)
  const listed: PluginListing[] = system.registry.all().map((entry) => ({
    name: entry.name,
    type: entry.factory.manifest.kind,
    version: entry.factory.manifest.version,
    enabled: entry.state === "pending",
    reason: entry.reason ?? (system.problems.length ? "configuration invalid" : null),
    source: entry.source,
  }))
  for (const failure of system.registry.loadFailures) {
    listed.push({ name: failure.name, type: "unknown", version: null, enabled: false, reason: `failed to load: ${failure.error}`, source: failure.path })
  }
  return listed
}

export async function runPluginsList(options: { configPath?: string; pluginDirs?: string[]; json: boolean }): Promise<number> {
  configureLogging({ level: "CRITICAL", format: "pretty" })
  const plugins = await listPlugins(options)
  if (options.json) {
    console.log(JSON.stringify(plugins, null, 2))
    return 0
  }
  const rows = plugins.map((plugin) => [plugin.name, plugin.type, plugin.version ?? "-", plugin.enabled ? "enabled" : `off: ${plugin.reason}`, plugin.source])
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), 4))
  for (const row of rows) console.log(row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join("  "))
  return 0
}

export const listCommand = defineCommand({
  meta: { name: "list", description: "Every discovered plugin with type, version, state and source" },
  args: {
    json: { type: "boolean", description: "Print JSON" },
    config: { type: "string", alias: ["c"], description: "Config file" },
    "plugin-dir": { type: "string", description: "Folder of external plugins (repeatable)" },
  },
  run: async ({ args, rawArgs }) => {
    const { repeatedFlag } = await import("../config-flags")
    return runPluginsList({ json: Boolean(args.json), configPath: args.config as string | undefined, pluginDirs: repeatedFlag(rawArgs, "plugin-dir") })
  },
})
