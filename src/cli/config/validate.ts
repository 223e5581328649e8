import { defineCommand } from "citty"
import { loadConfig } from "~/config/load"
import { configureLogging } from "~/core/log"
import { loadPluginSystem } from "~/core/plugins/system"
import { VERSION } from "~/version"

/** Exit 0 when the configuration is valid; exit 2 listing every problem otherwise. */
export async function runConfigValidate(configPath: string | undefined): Promise<number> {
  configureLogging({ level: "CRITICAL", format: "pretty" })
  const loaded = loadConfig({ configPath })
  const problems = [...loaded.problems]
  const warnings = [...loaded.warnings]
  try {
    const system = await loadPluginSystem(loaded, VERSION)
    problems.push(...system.problems)
    warnings.push(...system.warnings)
    for (const failure of system.registry.loadFailures) warnings.push(`external plugin ${failure.name} (${failure.path}) cannot load: ${failure.error}`)
  } catch (error) {
    problems.push(`plugins: ${(error as Error).message}`)
  }
  for (const warning of warnings) console.error(`warning: ${warning}`)
  const where = loaded.file ?? "defaults and environment (no config file found)"
  if (problems.length === 0) {
    console.log(`configuration is valid: ${where}`)
    return 0
  }
  console.error(`configuration is invalid: ${where}`)
  for (const problem of problems) console.error(`  - ${problem}`)
  return 2
}

export const validateCommand = defineCommand({
  meta: { name: "validate", description: "Check the configuration; exit 2 listing every problem" },
  args: { config: { type: "string", alias: ["c"], description: "Config file to check" } },
  run: ({ args }) => runConfigValidate(typeof args.config === "string" ? args.config : undefined),
})
