import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A temporary plugin dir holding `<name>/plugin.ts` files with the given sources. */
export function makePluginDir(plugins: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ccproxy-plugins-"))
  for (const [name, source] of Object.entries(plugins)) {
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, "plugin.ts"), source)
  }
  return dir
}

/** Source of a small external system plugin. */
export function systemPluginSource(name: string, options: { dependencies?: string[]; body?: string; route?: boolean } = {}): string {
  return `import { defineSystemPlugin, Type } from "ccproxy/plugin"
export const factory = defineSystemPlugin({
  name: ${JSON.stringify(name)},
  version: "0.1.0",
  dependencies: ${JSON.stringify(options.dependencies ?? [])},
  config: Type.Object({ message: Type.String({ default: "hello from ${name}" }) }),
  routes: ${options.route ? `[{ prefix: "/${name}", tags: ["${name}"], build: (app, ctx) => app.get("/", () => ({ message: ctx.config.message })) }]` : "[]"},
  setup() { ${options.body ?? ""} },
})
`
}
