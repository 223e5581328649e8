import { defineCommand, parseArgs, type ArgsDef, type CommandDef, type SubCommandsDef } from "citty"
import { loadValidConfig } from "~/config/load"
import type { Settings } from "~/config/schema"
import { ConfigError } from "~/core/errors"
import { collectAuthCommands, type PluginAuthCommand } from "~/core/plugins/auth-commands"
import type { AnyPluginFactory } from "~/core/plugins/factory"
import type { AuthCommandArgs } from "~/core/plugins/manifest"
import { configureAuthLogging, prepareAuthPlugins } from "./providers"

/** The config file option every `ccproxy auth` command takes: the plugins and their settings come from it. */
export const configArg = {
  config: { type: "string", alias: ["c"], description: "Config file (TOML); default: $CCPROXY_CONFIG, ./.ccproxy.toml, ./ccproxy.toml, ~/.config/ccproxy/config.toml" },
} satisfies ArgsDef

/** `--config` as written after `ccproxy auth <command>`, read before the command is known. */
export function configPathIn(args: readonly string[]): string | undefined {
  const { config } = parseArgs([...args], configArg)
  return typeof config === "string" ? config : undefined
}

function toCommand({ plugin, spec, context }: PluginAuthCommand, settings: Settings): CommandDef<ArgsDef> {
  return defineCommand<ArgsDef>({
    meta: { name: spec.name, description: `${spec.description} (plugin ${plugin})` },
    args: { ...spec.args, ...configArg },
    run: async ({ args }) => {
      configureAuthLogging(settings)
      const code = await spec.run(context, args as AuthCommandArgs)
      return typeof code === "number" ? code : 0
    },
  })
}

/**
 * The `ccproxy auth` subcommands the enabled plugins add, by name, and why any were left out.
 * Loads the configuration and the plugins (external ones included) but starts none of them.
 */
export async function pluginAuthCommands(options: { configPath?: string; builtinNames: readonly string[]; extraPlugins?: AnyPluginFactory[] }): Promise<{ commands: SubCommandsDef; problems: string[] }> {
  const loaded = loadValidConfig({ configPath: options.configPath })
  const system = await prepareAuthPlugins(loaded, options.extraPlugins)
  if (system.problems.length) throw new ConfigError("invalid plugin configuration:", system.problems)
  const { commands, problems } = collectAuthCommands(system.registry, { reservedNames: options.builtinNames, reservedOptions: ["config", "c", "help", "h"] })
  return { commands: Object.fromEntries(commands.map((command) => [command.spec.name, toCommand(command, loaded.settings)])), problems }
}
