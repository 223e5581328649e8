import type { AnyPluginFactory } from "~/core/plugins/factory"
import { loadValidConfig, type FlagValue, type LoadOptions } from "~/config/load"
import { configureLogging } from "~/core/log"
import { loadPluginSystem, type PluginSystem } from "~/core/plugins/system"
import { createApp, type CcproxyApp } from "~/server/app"

configureLogging({ level: "CRITICAL", format: "json", write: () => {} })

/** access_log prints to stdout by default; tests that check it turn it back on. */
const QUIET_ENV = { PLUGINS__ACCESS_LOG__CLIENT_ENABLED: "false" }

export interface InProcessApp extends CcproxyApp {
  system: PluginSystem
  /** `fetch`-like helper: path relative to http://localhost. */
  request(path: string, init?: RequestInit): Promise<Response>
}

/**
 * The whole app without a socket: config from `options` (flags as `path=value` pairs),
 * optional extra plugin factories registered as if bundled, plugins initialized unless
 * `initialize: false`.
 */
export async function createTestApp(
  options: { settings?: Record<string, unknown>; plugins?: AnyPluginFactory[]; initialize?: boolean; load?: LoadOptions } = {},
): Promise<InProcessApp> {
  const flags: FlagValue[] = Object.entries(options.settings ?? {}).map(([key, value]) => ({ path: key.split("."), value, flag: `test:${key}` }))
  const loaded = loadValidConfig({ ...options.load, flags: [...(options.load?.flags ?? []), ...flags], env: options.load?.env ?? QUIET_ENV })
  const system = await loadPluginSystem(loaded, "0.0.0-test", { extraPlugins: options.plugins })
  if (system.problems.length) throw new Error(system.problems.join("\n"))
  const app = createApp(system)
  if (options.initialize !== false) await system.registry.initializeAll()
  return {
    ...app,
    system,
    request: (path, init) => app.handle(new Request(`http://localhost${path}`, init), "127.0.0.1"),
  }
}
