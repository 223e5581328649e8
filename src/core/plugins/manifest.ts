import type { Static, TObject } from "@sinclair/typebox"
import type { ArgsDef } from "citty"
import type { AnyElysia } from "elysia"
import type { FormatAdapter, FormatId } from "~/formats/types"
import type { PluginContext } from "./context"
import type { HookHandler } from "./hooks"
import type { HookEventName } from "./hook-events"
import type { MiddlewareHandler } from "./middleware"
import type { OAuthProvider } from "./oauth"

/** provider: proxies to an upstream; auth: OAuth login only; system: hooks, routes, services. */
export type PluginKind = "provider" | "auth" | "system"

/** Routes mounted under `prefix`, listed in the OpenAPI document under `tags`. */
export interface RouteSpec<C = Record<string, unknown>> {
  prefix: string
  tags?: string[]
  /** Adds routes to `app` (already prefixed). Handlers read runtime state through `context`. */
  build(app: AnyElysia, context: PluginContext<C>): AnyElysia
}

export interface MiddlewareSpec<C = Record<string, unknown>> {
  name: string
  /** A MiddlewareLayer value; default APPLICATION (500). */
  priority?: number
  create(context: PluginContext<C>): MiddlewareHandler
}

export interface TaskSpec<C = Record<string, unknown>> {
  name: string
  intervalSeconds: number
  /** Run once right after startup instead of after the first interval. */
  runOnStart?: boolean
  enabled?: boolean
  run(context: PluginContext<C>): Promise<void> | void
}

export interface HookSpec<C = Record<string, unknown>> {
  name: string
  events: readonly HookEventName[]
  /** Lower runs first; default 500 (HookPriority.PROCESSING). */
  priority?: number
  /** The handler, or undefined when the plugin's config makes the hook pointless (then it is not registered, and costs nothing). */
  create(context: PluginContext<C>): HookHandler | undefined
}

/** A command's options and positionals, declared as citty declares them. */
export type AuthCommandArgsDef = ArgsDef

/** What an auth command's `run` gets: option values by name (and alias), extra words in `_`. */
export type AuthCommandArgs = { _: string[] } & Record<string, string | boolean | string[] | undefined>

/**
 * A `ccproxy auth <name>` subcommand beside the built-in providers, login, status, refresh and
 * logout. Listed in `ccproxy auth --help` and the shell completions while the plugin is enabled.
 *
 * @example
 * { name: "whoami", description: "Show the account", args: { json: { type: "boolean", description: "Print JSON" } },
 *   run: async (ctx, args) => { console.log(args.json ? "{}" : ctx.config.account); return 0 } }
 */
export interface AuthCommandSpec<C = Record<string, unknown>> {
  /** The word after `ccproxy auth`: lowercase letters, digits and dashes. */
  name: string
  description: string
  /** `--config`/`-c` and `--help`/`-h` are added (and reserved); unknown options are refused. */
  args?: AuthCommandArgsDef
  /**
   * Runs with the plugin's validated config, logger and registries (OAuth providers included),
   * without `setup` having run. Print results to stdout; return the exit code (default 0).
   * Throw `UsageError` for a usage mistake (exit 2 with the help), any other error for exit 1.
   */
  run(context: PluginContext<C>, args: AuthCommandArgs): Promise<number | void> | number | void
}

export interface FormatAdapterSpec {
  from: FormatId
  to: FormatId
  adapter: FormatAdapter | (() => FormatAdapter)
  /** Lower number wins when two adapters claim the same pair; core adapters use 100. */
  priority?: number
  description?: string
}

/** Everything a plugin declares about itself, readable without running it. */
export interface PluginManifest<S extends TObject = TObject> {
  name: string
  version: string
  description?: string
  kind: PluginKind
  /** Plugins that must be loaded and initialized first; missing ones disable this plugin. */
  dependencies?: string[]
  /** Plugins initialized first when present, without being required. */
  optionalRequires?: string[]
  /** Service names this plugin registers. */
  provides?: string[]
  middleware?: MiddlewareSpec<Static<S>>[]
  routes?: RouteSpec<Static<S>>[]
  tasks?: TaskSpec<Static<S>>[]
  hooks?: HookSpec<Static<S>>[]
  authCommands?: AuthCommandSpec<Static<S>>[]
  /** TypeBox schema of `[plugins.<name>]`; an `enabled` boolean is added if absent. */
  configSchema?: S
  /** Whether the plugin loads when nothing in the configuration mentions it. Default true. */
  enabledByDefault?: boolean
  oauthProviderFactory?: (context: PluginContext<Static<S>>) => OAuthProvider
  formatAdapters?: FormatAdapterSpec[]
  /** (from, to) pairs this plugin's routes need from the format registry; checked at startup. */
  requiresFormatAdapters?: Array<[FormatId, FormatId]>
}
