import { defineCommand, type ArgsDef, type CommandDef } from "citty"
import type { AnyPluginFactory } from "~/core/plugins/factory"
import { VERSION } from "~/version"

export interface RootOptions {
  /** Plugins beside the built-in and external ones, as `createTestApp` takes them (tests). */
  extraPlugins?: AnyPluginFactory[]
}

/**
 * The command tree for one command line. Only `auth` reads `argv`: plugins add subcommands to
 * it, and which plugins depends on the `--config` given after the subcommand's name.
 */
export function createRootCommand(argv: readonly string[] = [], options: RootOptions = {}): CommandDef<ArgsDef> {
  const authArgv = argv[0] === "auth" ? argv.slice(1) : []
  return defineCommand<ArgsDef>({
    meta: { name: "ccproxy", version: VERSION, description: "Use your Claude, ChatGPT and Copilot subscriptions from any Anthropic- or OpenAI-compatible tool" },
    args: { version: { type: "boolean", alias: ["v"], description: "Print the version" } },
    subCommands: {
      serve: () => import("./serve").then((module) => module.serveCommand),
      config: () => import("./config").then((module) => module.configCommand),
      plugins: () => import("./plugins").then((module) => module.pluginsCommand),
      auth: () => import("./auth").then((module) => module.createAuthCommand(authArgv, options)),
      usage: () => import("./usage").then((module) => module.usageCommand),
      health: () => import("./health").then((module) => module.healthCommand),
      completion: () => import("./completion").then((module) => module.completionCommand),
    },
  })
}
