import { expect, test } from "bun:test"
import { Type } from "@sinclair/typebox"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadConfig } from "~/config/load"
import { resolvePluginConfig } from "~/config/plugin-config"

const schema = Type.Object({
  enabled: Type.Boolean({ default: true }),
  timeout: Type.Number({ default: 30 }),
  paths: Type.Array(Type.String(), { default: ["/a"] }),
})

test("plugin settings: defaults < file < PLUGINS__NAME__KEY, typed by the plugin's schema", () => {
  const dir = mkdtempSync(join(tmpdir(), "plugin-config-"))
  const file = join(dir, "c.toml")
  writeFileSync(file, "[plugins.demo]\ntimeout = 5\ntimout = 6\n")
  const loaded = loadConfig({ configPath: file, env: { PLUGINS__DEMO__PATHS: "/x,/y", CCPROXY_PLUGINS__DEMO__ENABLED: "false" } })
  const result = resolvePluginConfig(loaded, "demo", schema)
  expect(result.config).toEqual({ enabled: false, timeout: 5, paths: ["/x", "/y"], timout: 6 })
  expect(result.problems).toEqual([])
  expect(result.warnings).toEqual([`unknown setting plugins.demo.timout in ${file}; did you mean plugins.demo.timeout?`])
  expect(loaded.sources.get("plugins.demo.enabled")).toEqual({ kind: "env", detail: "CCPROXY_PLUGINS__DEMO__ENABLED" })
})

test("plugin settings that do not fit the schema are problems naming their source", () => {
  const loaded = loadConfig({ env: { PLUGINS__DEMO__TIMEOUT: "never" } })
  const result = resolvePluginConfig(loaded, "demo", schema)
  expect(result.problems).toEqual(['plugins.demo.timeout: expected number, got "never" (from env PLUGINS__DEMO__TIMEOUT)'])
})

test("a bad item inside a list from the environment names the variable", () => {
  const withList = Type.Object({ rules: Type.Array(Type.Object({ match: Type.String(), target: Type.String() }), { default: [] }) })
  const loaded = loadConfig({ env: { PLUGINS__DEMO__RULES: '[{"match":"x"}]' } })
  expect(resolvePluginConfig(loaded, "demo", withList).problems).toEqual(["plugins.demo.rules.0.target: expected string, got nothing (from env PLUGINS__DEMO__RULES)"])
})
