import { existsSync, readdirSync, statSync } from "node:fs"
import { join, resolve } from "node:path"
import type { AnyPluginFactory } from "./factory"
import type { PluginLoadFailure } from "./registry"

export interface DiscoveredPlugin {
  factory: AnyPluginFactory
  source: string
}

const ENTRY_FILES = ["plugin.ts", "plugin.js", "plugin.mjs"]
let pluginApiRegistered = false

/**
 * Serves the authoring API as the module `ccproxy/plugin` to plugins imported at run time.
 * Bun.plugin's `module` works inside a compiled binary too, where no node_modules exist.
 */
async function registerPluginApiModule(): Promise<void> {
  if (pluginApiRegistered) return
  pluginApiRegistered = true
  const api = await import("~/plugin-api")
  Bun.plugin({
    name: "ccproxy-plugin-api",
    setup(build) {
      build.module("ccproxy/plugin", () => ({ exports: { ...api }, loader: "object" }))
    },
  })
}

function isFactory(value: unknown): value is AnyPluginFactory {
  const candidate = value as AnyPluginFactory | undefined
  return typeof candidate?.createRuntime === "function" && typeof candidate?.manifest?.name === "string"
}

/**
 * External plugins: each `<dir>/<name>/plugin.ts` (or .js) exporting `factory`.
 * A plugin that fails to import, or exports no factory, is reported by name and path;
 * the rest still load.
 */
export async function discoverExternalPlugins(dirs: readonly string[]): Promise<{ plugins: DiscoveredPlugin[]; failures: PluginLoadFailure[] }> {
  const plugins: DiscoveredPlugin[] = []
  const failures: PluginLoadFailure[] = []
  const candidates = dirs.flatMap((dir) => pluginFilesIn(resolve(dir)))
  if (candidates.length > 0) await registerPluginApiModule()
  for (const { name, path } of candidates) {
    try {
      const module = await import(path)
      if (!isFactory(module.factory)) throw new Error("it does not export `factory` (a plugin factory made with defineSystemPlugin, defineProviderPlugin or defineAuthProviderPlugin)")
      plugins.push({ factory: module.factory, source: path })
    } catch (error) {
      const message = (error as Error)?.message ?? String(error)
      failures.push({ name, path, error: message.split("\n")[0]! })
    }
  }
  return { plugins, failures }
}

function pluginFilesIn(dir: string): Array<{ name: string; path: string }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return []
  const found: Array<{ name: string; path: string }> = []
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name)
    if (!statSync(folder).isDirectory()) continue
    const entry = ENTRY_FILES.map((file) => join(folder, file)).find((path) => existsSync(path))
    if (entry) found.push({ name, path: entry })
  }
  return found
}
