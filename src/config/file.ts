import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parse as parseToml, TomlError } from "smol-toml"
import { ConfigError } from "~/core/errors"
import { userConfigFile } from "./paths"

/**
 * The config file to read: `--config`, else `$CCPROXY_CONFIG`, else the first of
 * `./.ccproxy.toml`, `./ccproxy.toml`, `$XDG_CONFIG_HOME/ccproxy/config.toml` that exists.
 * An explicitly named file that does not exist is an error.
 */
export function findConfigFile(explicit: string | undefined, env: Record<string, string | undefined>, cwd = process.cwd()): string | undefined {
  const named = explicit ?? env.CCPROXY_CONFIG
  if (named) {
    const path = resolve(cwd, named)
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${path}${explicit ? " (from --config)" : " (from CCPROXY_CONFIG)"}`)
    return path
  }
  return [resolve(cwd, ".ccproxy.toml"), resolve(cwd, "ccproxy.toml"), userConfigFile(env)].find((path) => existsSync(path))
}

export function readConfigFile(path: string): Record<string, unknown> {
  try {
    return parseToml(readFileSync(path, "utf8")) as Record<string, unknown>
  } catch (error) {
    // smol-toml's TomlError carries the line and column, and its message is "Invalid TOML
    // document: <reason>" followed by the offending lines with a caret: show where, and the lines.
    if (!(error instanceof TomlError)) throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`)
    const { message, line, column } = error
    const [first = "", ...rest] = message.split("\n")
    const where = `:${line}:${column}`
    const snippet = rest.filter((l) => l.trim()).map((l) => `    ${l}`).join("\n")
    throw new ConfigError(`cannot read config file ${path}${where}: ${first.replace(/^Invalid TOML document: /, "")}${snippet ? `\n${snippet}` : ""}`)
  }
}
