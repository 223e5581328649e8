import type { Settings } from "~/config/schema"
import type { Logger } from "~/core/log"
import type { ShutdownSignal } from "~/core/shutdown"
import type { FormatRegistry } from "./format-registry"
import type { HookRegistry } from "./hooks"
import type { PluginManifest } from "./manifest"
import type { OAuthRegistry } from "./oauth"
import type { ServiceRegistry } from "./services"

/** Shared by every plugin: created once per process. */
export interface CoreServices {
  settings: Settings
  hooks: HookRegistry
  services: ServiceRegistry
  formats: FormatRegistry
  oauth: OAuthRegistry
  version: string
  /** The shutdown deadline (server.shutdown_timeout ran out), for responses still streaming. */
  shutdownDeadline?: ShutdownSignal
}

/** What a plugin sees: its validated config, its logger, and the core registries. */
export interface PluginContext<C = Record<string, unknown>> extends CoreServices {
  name: string
  manifest: PluginManifest
  config: C
  logger: Logger
  /** True once this plugin's initialize has finished; routes answer 503 before that. */
  isReady(): boolean
}
