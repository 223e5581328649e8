import { expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadConfig } from "~/config/load"
import { loadPluginSystem } from "~/core/plugins/system"

const noExternal = () => mkdtempSync(join(tmpdir(), "ccproxy-noplugins-"))

test("a misspelt plugin name is warned about wherever it was written, with its source and a did-you-mean", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ccproxy-unknown-plugins-"))
  const file = join(dir, "c.toml")
  writeFileSync(file, `plugin_dirs = ["${noExternal()}"]\n[plugins.claud_api]\nbase_url = "http://127.0.0.1:1"\n`)
  const loaded = loadConfig({
    configPath: file,
    env: { ENABLED_PLUGINS: "claude_ap,oauth_claude,max_token", DISABLED_PLUGINS: "acces_log,zzzzzz", PLUGINS__CODX__BASE_URL: "x" },
    enablePlugins: ["max_token"],
  })
  const system = await loadPluginSystem(loaded, "0.0.0-test")
  expect(system.warnings.sort()).toEqual(
    [
      `settings for unknown plugin plugins.claud_api (from file ${file}); did you mean claude_api?`,
      "settings for unknown plugin plugins.codx (from env PLUGINS__CODX__BASE_URL); did you mean codex?",
      "unknown plugin max_token (from flag --enable-plugin); did you mean max_tokens?",
      "enabled_plugins names unknown plugin claude_ap (from env ENABLED_PLUGINS); did you mean claude_api?",
      "disabled_plugins names unknown plugin acces_log (from env DISABLED_PLUGINS); did you mean access_log?",
      "disabled_plugins names unknown plugin zzzzzz (from env DISABLED_PLUGINS)",
    ].sort(),
  )
})

test("known plugin names give no warning", async () => {
  const loaded = loadConfig({ env: { PLUGIN_DIRS: noExternal(), ENABLED_PLUGINS: "claude_api,oauth_claude", DISABLED_PLUGINS: "metrics" }, enablePlugins: ["max_tokens"] })
  expect((await loadPluginSystem(loaded, "0.0.0-test")).warnings).toEqual([])
})
