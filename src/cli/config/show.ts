import { defineCommand } from "citty"
import type { TObject } from "@sinclair/typebox"
import { loadValidConfig, type LoadOptions } from "~/config/load"
import { leafPaths, getPath } from "~/config/schema-walk"
import { maskSecrets, secretPaths } from "~/config/secrets"
import type { ValueSource } from "~/config/sources"
import { configureLogging } from "~/core/log"
import { loadPluginSystem } from "~/core/plugins/system"
import { VERSION } from "~/version"
import { configArgs, loadOptionsFromArgs } from "../config-flags"

export interface ShownConfig {
  file: string | null
  settings: Record<string, unknown>
  /** Every key → where its value came from. */
  sources: Record<string, ValueSource>
}

/** The effective configuration (secrets masked) and the source of each value. */
export async function effectiveConfig(options: LoadOptions, onWarning: (warning: string) => void = () => {}): Promise<ShownConfig> {
  const loaded = loadValidConfig(options)
  const system = await loadPluginSystem(loaded, VERSION)
  for (const warning of [...loaded.warnings, ...system.warnings]) onWarning(warning)
  const secrets = secretPaths(loaded.schema)
  for (const entry of system.registry.all()) {
    for (const path of secretPaths(entry.factory.manifest.configSchema as TObject)) secrets.push(["plugins", entry.name, ...path])
  }
  const settings = maskSecrets(loaded.settings as unknown as Record<string, unknown>, secrets)
  const sources: Record<string, ValueSource> = {}
  for (const path of leafPaths(settings)) {
    const key = path.join(".")
    sources[key] = loaded.sources.get(key) ?? { kind: "default" }
  }
  return { file: loaded.file ?? null, settings, sources }
}

export async function runConfigShow(options: LoadOptions, json: boolean): Promise<number> {
  configureLogging({ level: "ERROR", format: "pretty" })
  // A misspelt key or plugin shows nowhere in the listing: say so, on stderr as `config validate` does.
  const shown = await effectiveConfig(options, (warning) => console.error(`warning: ${warning}`))
  if (json) {
    console.log(JSON.stringify(shown, null, 2))
    return 0
  }
  console.log(`# config file: ${shown.file ?? "(none found)"}`)
  for (const [key, source] of Object.entries(shown.sources)) {
    const value = getPath(shown.settings, key.split("."))
    const origin = source.kind === "default" ? "default" : `${source.kind}: ${source.detail ?? ""}`
    console.log(`${key} = ${JSON.stringify(value)}    # ${origin}`)
  }
  return 0
}

export const showCommand = defineCommand({
  meta: { name: "show", description: "Print the effective configuration and where each value came from" },
  args: { ...configArgs, json: { type: "boolean", description: "Print JSON" } },
  run: ({ args, rawArgs }) => runConfigShow(loadOptionsFromArgs(args, rawArgs), Boolean(args.json)),
})
