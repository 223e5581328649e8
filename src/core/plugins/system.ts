import type { TObject } from "@sinclair/typebox"
import type { LoadedConfig } from "~/config/load"
import { expandHome } from "~/config/expand-home"
import { resolvePluginConfig } from "~/config/plugin-config"
import { logger } from "~/core/log"
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
  const known = new Set(registry.all().map((entry) => entry.name))
  for (const name of Object.keys(loaded.settings.plugins)) {
    if (!known.has(name)) warnings.push(`settings for unknown plugin plugins.${name}`)
  }
  if (problems.length === 0) registry.prepare(core, disabled, configs)
  return { core, registry, problems, warnings }
}
