import type { ArgsDef } from "citty"
import type { FlagValue, LoadOptions } from "~/config/load"

/** Flags that set configuration, shared by `serve` and `config show`. */
export const configArgs = {
  config: { type: "string", alias: ["c"], description: "Config file (TOML); default: $CCPROXY_CONFIG, ./.ccproxy.toml, ./ccproxy.toml, ~/.config/ccproxy/config.toml" },
  host: { type: "string", description: "Address to listen on (server.host)" },
  port: { type: "string", alias: ["p"], description: "Port to listen on, 0 for any free port (server.port)" },
  "log-level": { type: "string", description: "TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL (logging.level)" },
  "log-format": { type: "string", description: "pretty or json (logging.format)" },
  "auth-token": { type: "string", description: "Token clients must send (security.auth_token)" },
  "enable-plugin": { type: "string", description: "Turn a plugin on (repeatable)" },
  "disable-plugin": { type: "string", description: "Turn a plugin off (repeatable)" },
  "plugin-dir": { type: "string", description: "Folder of external plugins (repeatable; replaces plugin_dirs)" },
} satisfies ArgsDef

/** Every value of a flag that may repeat: `--x a --x b` and `--x=a`. */
export function repeatedFlag(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = []
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!
    if (arg === `--${name}` && i + 1 < rawArgs.length) values.push(rawArgs[++i]!)
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3))
  }
  return values
}

const SINGLE_FLAGS: Array<[keyof typeof configArgs, string[]]> = [
  ["host", ["server", "host"]],
  ["port", ["server", "port"]],
  ["log-level", ["logging", "level"]],
  ["log-format", ["logging", "format"]],
  ["auth-token", ["security", "auth_token"]],
]

/** Turns parsed flags into config-loading options; values are typed later by the schema. */
export function loadOptionsFromArgs(args: Record<string, unknown>, rawArgs: readonly string[]): LoadOptions {
  const flags: FlagValue[] = []
  for (const [name, path] of SINGLE_FLAGS) {
    const value = args[name]
    if (typeof value !== "string") continue
    const typed = name === "port" && /^\d+$/.test(value) ? Number(value) : value
    flags.push({ path, value: typed, flag: `--${name}` })
  }
  const pluginDirs = repeatedFlag(rawArgs, "plugin-dir")
  if (pluginDirs.length) flags.push({ path: ["plugin_dirs"], value: pluginDirs, flag: "--plugin-dir" })
  return {
    configPath: typeof args.config === "string" ? args.config : undefined,
    flags,
    enablePlugins: repeatedFlag(rawArgs, "enable-plugin"),
    disablePlugins: repeatedFlag(rawArgs, "disable-plugin"),
  }
}
