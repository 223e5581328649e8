import { homedir } from "node:os"
import { join } from "node:path"

/** XDG base directories, read from the environment each call so tests can point them elsewhere. */
export function xdgConfigHome(env = process.env): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config")
}

export function xdgCacheHome(env = process.env): string {
  return env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache")
}

export function xdgDataHome(env = process.env): string {
  return env.XDG_DATA_HOME || join(env.HOME || homedir(), ".local", "share")
}

/** `$XDG_CONFIG_HOME/ccproxy`: the user config file, external plugins. */
export function ccproxyConfigDir(env = process.env): string {
  return join(xdgConfigHome(env), "ccproxy")
}

export function userConfigFile(env = process.env): string {
  return join(ccproxyConfigDir(env), "config.toml")
}

export function defaultPluginDir(env = process.env): string {
  return join(ccproxyConfigDir(env), "plugins")
}
