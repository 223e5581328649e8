import { loadValidConfig, type LoadedConfig } from "~/config/load"
import type { Settings } from "~/config/schema"
import { didYouMean } from "~/config/suggest"
import { UsageError } from "~/core/errors"
import { configureLogging } from "~/core/log"
import type { AnyPluginFactory } from "~/core/plugins/factory"
import type { OAuthProvider } from "~/core/plugins/oauth"
import { loadPluginSystem, type PluginSystem } from "~/core/plugins/system"
import { VERSION } from "~/version"

/** `ccproxy auth` logs warnings and errors only, unless the configuration asks for DEBUG or TRACE. */
export function configureAuthLogging(settings: Settings): void {
  configureLogging({ level: settings.logging.level === "DEBUG" || settings.logging.level === "TRACE" ? settings.logging.level : "WARNING", format: "pretty" })
}

/** The enabled plugins, prepared but not started (no setup, tasks or hooks), their OAuth providers registered. */
export async function prepareAuthPlugins(loaded: LoadedConfig, extraPlugins?: AnyPluginFactory[]): Promise<PluginSystem> {
  const system = await loadPluginSystem(loaded, VERSION, { extraPlugins })
  system.registry.registerOAuthProviders()
  return system
}

/** The OAuth providers of the enabled auth-capable plugins, without starting a server. */
export async function loadOAuthProviders(configPath?: string): Promise<OAuthProvider[]> {
  const loaded = loadValidConfig({ configPath })
  configureAuthLogging(loaded.settings)
  return (await prepareAuthPlugins(loaded)).core.oauth.list()
}

/** The provider a person named, by name or alias, or a usage error listing the known ones. */
export async function findOAuthProvider(name: string, configPath?: string): Promise<OAuthProvider> {
  const providers = await loadOAuthProviders(configPath)
  const wanted = name.toLowerCase()
  const provider = providers.find((candidate) => candidate.name === wanted || candidate.aliases?.includes(wanted))
  if (provider) return provider
  const known = providers.map((candidate) => candidate.name).join(", ")
  const suggestion = didYouMean(wanted, providers.flatMap((candidate) => [candidate.name, ...(candidate.aliases ?? [])]))
  const hint = suggestion ? `did you mean ${providers.find((candidate) => candidate.name === suggestion || candidate.aliases?.includes(suggestion))!.name}? ` : ""
  throw new UsageError(`unknown auth provider "${name}"; ${hint}${known ? `available: ${known}` : "no auth provider plugins are enabled"}`)
}

export async function runAuthProviders(json: boolean, configPath?: string): Promise<number> {
  const providers = await loadOAuthProviders(configPath)
  const rows = providers.map((provider) => ({ name: provider.name, display_name: provider.displayName, aliases: provider.aliases ?? [], plugin: provider.plugin, description: provider.description ?? "" }))
  if (json) console.log(JSON.stringify(rows, null, 2))
  else if (rows.length === 0) console.log("no auth providers (enable an auth plugin such as oauth_claude or oauth_codex)")
  else for (const row of rows) console.log(`${row.name.padEnd(12)} ${row.display_name.padEnd(16)} plugin ${row.plugin}${row.aliases.length ? `  aliases: ${row.aliases.join(", ")}` : ""}`)
  return 0
}
