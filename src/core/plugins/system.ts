import type { TObject } from "@sinclair/typebox"
import type { LoadedConfig } from "~/config/load"
import { expandHome } from "~/config/expand-home"
import { resolvePluginConfig } from "~/config/plugin-config"
import { describeSource } from "~/config/sources"
import { didYouMean } from "~/config/suggest"
import { logger } from "~/core/log"
import { ShutdownSignal } from "~/core/shutdown"
import { builtinFormatAdapters } from "~/formats"
import { builtinPlugins } from "../../../plugins"
import type { CoreServices } from "./context"
import type { AnyPluginFactory } from "./factory"
import { disabledReason } from "./enablement"
import { FormatRegistry } from "./format-registry"
import { HookRegistry } from "./hooks"
import { discoverExternalPlugins } from "./loader"
import { OAuthRegistry } from "./oauth"
import { PluginRegistry } from "./registry"
import { ServiceRegistry } from "./services"

export interface PluginSystem {
  core: CoreServices
  registry: PluginRegistry
  /** Invalid settings of enabled plugins: startup must stop on these. */
  problems: string[]
  warnings: string[]
}

const log = logger("plugins")

/**
 * Discovery, configuration and ordering: everything up to (not including) initialization.
 * Used by `serve`, and by the CLI commands that need to know the plugins (`plugins`, `auth`).
 */
export async function loadPluginSystem(loaded: LoadedConfig, version: string, options: { extraPlugins?: AnyPluginFactory[] } = {}): Promise<PluginSystem> {
  const core: CoreServices = {
    settings: loaded.settings,
    hooks: new HookRegistry(logger("hooks")),
    services: new ServiceRegistry(),
    formats: new FormatRegistry(logger("formats")),
    oauth: new OAuthRegistry(),
    version,
    shutdownDeadline: new ShutdownSignal(),
  }
  for (const adapter of builtinFormatAdapters) core.formats.register({ adapter, priority: 100, owner: "core" })

  const registry = new PluginRegistry(log)
  const problems: string[] = []
  const warnings: string[] = []
  for (const factory of builtinPlugins) registry.registerFactory(factory)
  for (const factory of options.extraPlugins ?? []) if (!builtinPlugins.includes(factory)) registry.registerFactory(factory, "test")
  if (loaded.settings.enable_plugins) {
    const external = await discoverExternalPlugins(loaded.settings.plugin_dirs.map((dir) => expandHome(dir)))
    for (const { factory, source } of external.plugins) {
      try {
        registry.registerFactory(factory, source)
      } catch (error) {
        registry.loadFailures.push({ name: factory.manifest.name, path: source, error: (error as Error).message })
      }
    }
    registry.loadFailures.push(...external.failures)
    for (const failure of registry.loadFailures) log.error(`external plugin ${failure.name} (${failure.path}) not loaded: ${failure.error}`)
  }

  const disabled = new Map<string, string>()
  const configs = new Map<string, Record<string, unknown>>()
  for (const entry of registry.all()) {
    const schema = entry.factory.manifest.configSchema as TObject
    const result = resolvePluginConfig(loaded, entry.name, schema)
    const reason = disabledReason(entry.name, loaded.settings, result.config.enabled)
    if (reason) disabled.set(entry.name, reason)
    else {
      problems.push(...result.problems)
      warnings.push(...result.warnings)
      configs.set(entry.name, result.config)
    }
  }
  warnings.push(...unknownPluginWarnings(loaded, [...registry.all().map((entry) => entry.name), ...registry.loadFailures.map((failure) => failure.name)]))
  if (problems.length === 0) registry.prepare(core, disabled, configs)
  return { core, registry, problems, warnings }
}

/**
 * Plugin names that match no plugin, wherever they were written: a `[plugins.<name>]` table or
 * `PLUGINS__<NAME>__*` variable, `--enable-plugin`, and the `enabled_plugins` / `disabled_plugins`
 * lists. Each names its source and the closest plugin, since a typo there otherwise silently
 * leaves a plugin off (allow list) or on (deny list).
 */
function unknownPluginWarnings(loaded: LoadedConfig, knownNames: string[]): string[] {
  const known = new Set(knownNames)
  const hint = (name: string) => {
    const suggestion = didYouMean(name, known)
    return suggestion ? `; did you mean ${suggestion}?` : ""
  }
  const warnings: string[] = []
  const settingNames = new Set([...Object.keys(loaded.settings.plugins), ...loaded.pluginEnv.map((entry) => entry.path[1]!).filter(Boolean)])
  for (const name of settingNames) {
    if (known.has(name)) continue
    const prefix = `plugins.${name}.`
    const source = [...loaded.sources].find(([key]) => key.startsWith(prefix))?.[1]
    const variable = loaded.pluginEnv.find((entry) => entry.path[1] === name)?.variable
    const from = source?.kind === "flag" ? `flag ${source.detail}` : source?.kind === "file" ? `file ${loaded.file}` : variable ? `env ${variable}` : describeSource(source)
    warnings.push(source?.kind === "flag" ? `unknown plugin ${name} (from ${from})${hint(name)}` : `settings for unknown plugin plugins.${name} (from ${from})${hint(name)}`)
  }
  // External plugins are only discovered when plugins load at all; without them the lists cannot be checked.
  if (!loaded.settings.enable_plugins) return warnings
  for (const list of ["enabled_plugins", "disabled_plugins"] as const) {
    for (const name of loaded.settings[list] ?? []) {
      if (known.has(name) || settingNames.has(name)) continue
      warnings.push(`${list} names unknown plugin ${name} (from ${describeSource(loaded.sources.get(list))})${hint(name)}`)
    }
  }
  return warnings
}
