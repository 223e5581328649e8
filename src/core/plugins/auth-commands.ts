import type { PluginContext } from "./context"
import type { AuthCommandSpec } from "./manifest"
import type { PluginRegistry } from "./registry"

/** An auth command of an enabled plugin, with the context it runs in. */
export interface PluginAuthCommand {
  plugin: string
  spec: AuthCommandSpec
  context: PluginContext
}

export interface AuthCommandRules {
  /** Subcommand names the CLI has already (`login`, `status`, ...). */
  reservedNames: readonly string[]
  /** Option names and aliases the CLI adds to every command (`config`, `c`, `help`, `h`). */
  reservedOptions: readonly string[]
}

const NAME = /^[a-z][a-z0-9-]*$/
const OPTION = /^[A-Za-z0-9][A-Za-z0-9-]*$/
const ARG_TYPES = new Set(["string", "boolean", "enum", "positional", undefined])

/** Why a spec cannot become a command, if it cannot. */
function specProblem(spec: AuthCommandSpec, rules: AuthCommandRules): string | undefined {
  if (typeof spec?.name !== "string" || !NAME.test(spec.name)) return "its name must be lowercase letters, digits and dashes"
  if (rules.reservedNames.includes(spec.name)) return `ccproxy auth ${spec.name} is built in`
  if (typeof spec.run !== "function") return "it has no run function"
  for (const [name, def] of Object.entries(spec.args ?? {})) {
    if (!ARG_TYPES.has(def?.type)) return `option ${name} has unknown type ${JSON.stringify(def?.type)}`
    const names = [name, ...[(def as { alias?: string | string[] }).alias ?? []].flat()]
    // These names also go unquoted into the shell completion scripts.
    const odd = names.find((option) => !OPTION.test(option))
    if (odd !== undefined) return `option ${JSON.stringify(odd)} must be letters, digits and dashes`
    const reserved = names.find((option) => rules.reservedOptions.includes(option))
    if (reserved) return `option ${reserved.length === 1 ? "-" : "--"}${reserved} is ccproxy's own`
  }
  return undefined
}

/**
 * The auth commands of the prepared (enabled, not excluded) plugins, in registration order:
 * built-in plugins first, then external ones. A command whose name is built in or already
 * taken by an earlier plugin is left out, and each one left out is reported in `problems`.
 */
export function collectAuthCommands(registry: PluginRegistry, rules: AuthCommandRules): { commands: PluginAuthCommand[]; problems: string[] } {
  const commands: PluginAuthCommand[] = []
  const problems: string[] = []
  for (const entry of registry.all()) {
    if (!entry.context) continue
    for (const spec of entry.factory.manifest.authCommands ?? []) {
      const label = `plugin ${entry.name}: auth command ${JSON.stringify(spec?.name)} not added`
      const problem = specProblem(spec, rules)
      const owner = commands.find((command) => command.spec.name === spec.name)?.plugin
      if (problem) problems.push(`${label}: ${problem}`)
      else if (owner) problems.push(`${label}: plugin ${owner} already adds ccproxy auth ${spec.name}`)
      else commands.push({ plugin: entry.name, spec, context: entry.context })
    }
  }
  return { commands, problems }
}
