import { defineCommand } from "citty"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import type { TObject } from "@sinclair/typebox"
import { userConfigFile } from "~/config/paths"
import { renderConfigReference } from "~/config/reference"
import { renderSampleConfig } from "~/config/sample"
import { coreSettingsSchema } from "~/config/schema"
import { builtinPlugins } from "../../../plugins"

function builtinPluginSchemas() {
  return builtinPlugins.map((factory) => ({
    name: factory.manifest.name,
    description: factory.manifest.description,
    schema: factory.manifest.configSchema as TObject,
  }))
}

/** The commented sample for this machine's defaults (or with `~` paths for the documented copy). */
export function sampleConfigText(env: Record<string, string | undefined> = process.env): string {
  return renderSampleConfig(coreSettingsSchema(env), builtinPluginSchemas())
}

/** docs/CONFIGURATION.md, with `~` paths. */
export function configReferenceText(): string {
  return renderConfigReference(coreSettingsSchema({ HOME: "~" }), builtinPluginSchemas())
}

/** Writes the commented config to the user config path; never overwrites without --force. */
export async function runConfigInit(force: boolean): Promise<number> {
  const path = userConfigFile()
  if (existsSync(path) && !force) {
    console.error(`error: ${path} already exists; use --force to overwrite it`)
    return 1
  }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, sampleConfigText({ HOME: "~" }), { mode: 0o600 })
  console.log(`wrote ${path}`)
  return 0
}

export const initCommand = defineCommand({
  meta: { name: "init", description: "Write a commented config file to ~/.config/ccproxy/config.toml" },
  args: { force: { type: "boolean", description: "Overwrite an existing file" } },
  run: ({ args }) => runConfigInit(Boolean(args.force)),
})
