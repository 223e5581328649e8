import type { TSchema } from "@sinclair/typebox"
import { Value } from "@sinclair/typebox/value"
import { ConfigError } from "~/core/errors"
import { coerceEnvEntry, readEnvEntries, type EnvEntry } from "./env"
import { findConfigFile, readConfigFile } from "./file"
import { coreSettingsSchema, type CoreSettingsSchema, type Settings } from "./schema"
import { describeType, getPath, leafPaths, setPath } from "./schema-walk"
import { describeSource, type ValueSource } from "./sources"
import { unknownKeyWarnings } from "./unknown-keys"

/** A setting given on the command line. */
export interface FlagValue {
  path: string[]
  value: unknown
  flag: string
}

export interface LoadOptions {
  configPath?: string
  flags?: FlagValue[]
  /** `--enable-plugin`: turns the plugin on, whatever the file or env say. */
  enablePlugins?: string[]
  /** `--disable-plugin`: adds to the deny list. */
  disablePlugins?: string[]
  env?: Record<string, string | undefined>
  cwd?: string
}

export interface LoadedConfig {
  settings: Settings
  schema: CoreSettingsSchema
  file?: string
  /** Dotted key → where its value came from; keys not listed are defaults. */
  sources: Map<string, ValueSource>
  warnings: string[]
  /** Invalid core settings, each naming key, source, expected type and value. */
  problems: string[]
  /** `PLUGINS__<NAME>__<KEY>` variables, typed once the plugin's schema is known. */
  pluginEnv: EnvEntry[]
}

/** Loads the core settings: defaults < TOML file < environment < command-line flags. */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env
  const schema = coreSettingsSchema(env)
  const sources = new Map<string, ValueSource>()
  const merged: Record<string, unknown> = {}

  const file = findConfigFile(options.configPath, env, options.cwd)
  const fileData = file ? readConfigFile(file) : {}
  for (const path of leafPaths(fileData)) {
    if (path.length === 0) continue
    setPath(merged, path, getPath(fileData, path))
    sources.set(path.join("."), { kind: "file", detail: `${file} (${path.join(".")})` })
  }

  const envEntries = readEnvEntries(schema, env)
  const pluginEnv = envEntries.filter((entry) => entry.path[0] === "plugins")
  for (const entry of envEntries.filter((entry) => entry.path[0] !== "plugins")) {
    setPath(merged, entry.path, coerceEnvEntry(schema, entry))
    sources.set(entry.path.join("."), { kind: "env", detail: entry.variable })
  }

  for (const flag of options.flags ?? []) {
    setPath(merged, flag.path, flag.value)
    sources.set(flag.path.join("."), { kind: "flag", detail: flag.flag })
  }
  applyPluginFlags(merged, sources, options)
  normalizeCase(merged)

  const settings = Value.Default(schema, structuredClone(merged)) as Settings
  const problems = validationProblems(schema, settings, sources, [])
  const warnings = file ? unknownKeyWarnings(schema, fileData, [], `${file}`) : []
  return { settings, schema, file, sources, warnings, problems, pluginEnv }
}

/** Loads and refuses invalid core settings (the usual path; `config validate` wants all problems instead). */
export function loadValidConfig(options: LoadOptions = {}): LoadedConfig {
  const loaded = loadConfig(options)
  if (loaded.problems.length) throw new ConfigError("invalid configuration:", loaded.problems)
  return loaded
}

/** Level names are accepted in any case (`debug`, `DEBUG`), formats too. */
function normalizeCase(merged: Record<string, unknown>) {
  const logging = merged.logging as Record<string, unknown> | undefined
  if (typeof logging?.level === "string") logging.level = logging.level.toUpperCase()
  if (typeof logging?.format === "string") logging.format = logging.format.toLowerCase()
}

function applyPluginFlags(merged: Record<string, unknown>, sources: Map<string, ValueSource>, options: LoadOptions) {
  const disabled = new Set((merged.disabled_plugins as string[] | undefined) ?? [])
  for (const name of options.disablePlugins ?? []) disabled.add(name)
  if (merged.enable_plugins === false && options.enablePlugins?.length) {
    // Plugins were switched off as a whole: the flags turn on exactly the plugins they name.
    merged.enable_plugins = true
    merged.enabled_plugins = []
    sources.set("enable_plugins", { kind: "flag", detail: "--enable-plugin" })
  }
  for (const name of options.enablePlugins ?? []) {
    disabled.delete(name)
    setPath(merged, ["plugins", name, "enabled"], true)
    sources.set(`plugins.${name}.enabled`, { kind: "flag", detail: "--enable-plugin" })
    if (Array.isArray(merged.enabled_plugins) && !merged.enabled_plugins.includes(name)) {
      merged.enabled_plugins = [...merged.enabled_plugins, name]
      sources.set("enabled_plugins", { kind: "flag", detail: "--enable-plugin" })
    }
  }
  const before = (merged.disabled_plugins as string[] | undefined) ?? []
  // Only a list the flags changed comes from them; an untouched one keeps its file or env source.
  const flagged = Boolean(options.disablePlugins?.length || options.enablePlugins?.length)
  if (flagged && (disabled.size !== before.length || [...disabled].some((name, i) => name !== before[i]))) {
    merged.disabled_plugins = [...disabled]
    sources.set("disabled_plugins", { kind: "flag", detail: options.disablePlugins?.length ? "--disable-plugin" : "--enable-plugin" })
  }
}

/**
 * The limits a value of the right type broke, e.g. " from 0 to 65535" or " of at least 1024".
 * (TypeBox's messages, "Expected integer to be less or equal to 65535", are not shown as is.)
 */
function describeBound(schema: TSchema, value: unknown): string {
  const [low, high] =
    typeof value === "number" ? [schema.minimum ?? schema.exclusiveMinimum, schema.maximum ?? schema.exclusiveMaximum]
    : typeof value === "string" ? [schema.minLength, schema.maxLength]
    : Array.isArray(value) ? [schema.minItems, schema.maxItems]
    : [undefined, undefined]
  const unit = typeof value === "string" ? " characters" : Array.isArray(value) ? " items" : ""
  const exclusive = typeof value === "number" && (schema.exclusiveMinimum !== undefined || schema.exclusiveMaximum !== undefined)
  if (low === undefined && high === undefined) return ""
  if (exclusive) return ` ${[low !== undefined ? `above ${low}` : "", high !== undefined ? `below ${high}` : ""].filter(Boolean).join(" and ")}`
  if (low !== undefined && high !== undefined) return ` from ${low} to ${high}${unit}`
  return low !== undefined ? ` of at least ${low}${unit}` : ` of at most ${high}${unit}`
}

/** Where a key's value came from; inside a list or table set as a whole (model_mappings.0.kind), the whole's source. */
function sourceOf(sources: Map<string, ValueSource>, path: string[]): ValueSource | undefined {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(path.slice(0, length).join("."))
    if (source) return source
  }
  return undefined
}

/** Every schema violation as `key: expected T, got V (from SOURCE)`. */
export function validationProblems(schema: TSchema, value: unknown, sources: Map<string, ValueSource>, prefix: string[]): string[] {
  const problems = new Map<string, string>()
  for (const error of Value.Errors(schema, value)) {
    const path = [...prefix, ...error.path.split("/").filter(Boolean)]
    const key = path.join(".") || "(root)"
    if (problems.has(key)) continue
    const received = error.value === undefined ? "nothing" : JSON.stringify(error.value)
    const expected = error.schema ? describeType(error.schema) : "a valid value"
    const bound = error.schema ? describeBound(error.schema, error.value) : ""
    problems.set(key, `${key}: expected ${expected}${bound}, got ${received} (from ${describeSource(sourceOf(sources, path))})`)
  }
  return [...problems.values()]
}
