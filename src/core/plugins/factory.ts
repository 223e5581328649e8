import { Type, type Static, type TObject } from "@sinclair/typebox"
import { logger } from "~/core/log"
import type { CoreServices, PluginContext } from "./context"
import type { PluginKind, PluginManifest } from "./manifest"
import type { PluginHealth, PluginRuntime } from "./runtime"

/** Creates a plugin's runtime and its context; what every plugin module exports as `factory`. */
export interface PluginFactory<S extends TObject = TObject> {
  readonly manifest: PluginManifest<S>
  createRuntime(): PluginRuntime
  createContext(core: CoreServices, config: Static<S>, isReady: () => boolean): PluginContext<Static<S>>
}

/** Any plugin's factory, whatever its config type: what registries and plugin lists hold. */
export type AnyPluginFactory = PluginFactory<any>

/** What `setup` may hand back: the plugin's own shutdown, health and validation. */
export interface PluginInstance {
  shutdown?(): Promise<void> | void
  healthCheck?(): Promise<PluginHealth> | PluginHealth
  validate?(): Promise<boolean> | boolean
}

export interface PluginDefinition<S extends TObject> extends Omit<PluginManifest<S>, "kind" | "configSchema"> {
  /** TypeBox schema of `[plugins.<name>]`; `enabled` is added for you. */
  config?: S
  /** Runs at initialization, in dependency order; may return shutdown/health handlers. */
  setup?(context: PluginContext<Static<S>>): Promise<PluginInstance | void> | PluginInstance | void
}

const EMPTY_CONFIG = Type.Object({})

/** The plugin's schema with an `enabled` switch whose default is the manifest's. */
function withEnabledField<S extends TObject>(schema: S | undefined, enabledByDefault: boolean): S {
  const base = schema ?? EMPTY_CONFIG
  if ((base.properties as Record<string, unknown>).enabled) return base as S
  return Type.Object(
    { enabled: Type.Boolean({ default: enabledByDefault, description: "Load this plugin" }), ...base.properties },
    { ...base, properties: undefined, default: {} },
  ) as unknown as S
}

class DefinedPluginRuntime<S extends TObject> implements PluginRuntime {
  private instance: PluginInstance | void = undefined
  private initialized = false

  constructor(private readonly definition: PluginDefinition<S>) {}

  async initialize(context: PluginContext): Promise<void> {
    this.instance = await this.definition.setup?.(context as PluginContext<Static<S>>)
    this.initialized = true
  }

  async shutdown(): Promise<void> {
    if (this.initialized) await this.instance?.shutdown?.()
  }

  async validate(): Promise<boolean> {
    return (await this.instance?.validate?.()) ?? this.initialized
  }

  async healthCheck(): Promise<PluginHealth> {
    if (!this.initialized) return { status: "unknown", details: { initialized: false } }
    const health = await this.instance?.healthCheck?.()
    return health ?? { status: "healthy", details: { initialized: true } }
  }
}

function definePlugin<S extends TObject>(kind: PluginKind, definition: PluginDefinition<S>): PluginFactory<S> {
  const { config, setup: _setup, ...declared } = definition
  const manifest: PluginManifest<S> = { ...declared, kind, configSchema: withEnabledField(config, definition.enabledByDefault ?? true) }
  return {
    manifest,
    createRuntime: () => new DefinedPluginRuntime(definition),
    createContext: (core, pluginConfig, isReady) => ({
      ...core,
      name: manifest.name,
      manifest: manifest as unknown as PluginManifest,
      config: pluginConfig,
      logger: logger(`plugin:${manifest.name}`),
      isReady,
    }),
  }
}

/** A plugin that adds hooks, routes, services or tasks without proxying to a provider. */
export function defineSystemPlugin<S extends TObject = TObject>(definition: PluginDefinition<S>): PluginFactory<S> {
  return definePlugin("system", definition)
}

/** A plugin that proxies requests to an upstream AI provider. */
export function defineProviderPlugin<S extends TObject = TObject>(definition: PluginDefinition<S>): PluginFactory<S> {
  return definePlugin("provider", definition)
}

/** A plugin that provides an OAuth login (`oauthProviderFactory`) and nothing else. */
export function defineAuthProviderPlugin<S extends TObject = TObject>(definition: PluginDefinition<S>): PluginFactory<S> {
  return definePlugin("auth", definition)
}
