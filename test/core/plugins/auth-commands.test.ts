import { expect, test } from "bun:test"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Type } from "@sinclair/typebox"
import { loadConfig } from "~/config/load"
import { collectAuthCommands } from "~/core/plugins/auth-commands"
import { defineAuthProviderPlugin, defineSystemPlugin, type AnyPluginFactory } from "~/core/plugins/factory"
import type { AuthCommandSpec } from "~/core/plugins/manifest"
import { loadPluginSystem } from "~/core/plugins/system"

const RULES = { reservedNames: ["providers", "login", "status", "refresh", "logout"], reservedOptions: ["config", "c", "help", "h"] }

const command = (name: string, extra: Partial<AuthCommandSpec> = {}): AuthCommandSpec => ({ name, description: `${name} command`, run: () => 0, ...extra })

const plugin = (name: string, authCommands: AuthCommandSpec[], extra: { dependencies?: string[] } = {}) =>
  defineSystemPlugin({ name, version: "1.0.0", config: Type.Object({ who: Type.String({ default: `${name} default` }) }), authCommands, ...extra })

async function collect(plugins: AnyPluginFactory[], env: Record<string, string> = {}) {
  const loaded = loadConfig({ env: { PLUGIN_DIRS: mkdtempSync(join(tmpdir(), "ccproxy-noplugins-")), ...env } })
  const system = await loadPluginSystem(loaded, "0.0.0-test", { extraPlugins: plugins })
  return collectAuthCommands(system.registry, RULES)
}

test("enabled plugins' commands are collected in registration order, each with its plugin's validated config", async () => {
  const auth = defineAuthProviderPlugin({ name: "oauth_test", version: "1.0.0", authCommands: [command("test-token")] })
  const { commands, problems } = await collect([plugin("alpha", [command("alpha-one"), command("alpha-two")]), auth], { PLUGINS__ALPHA__WHO: "configured" })
  expect(problems).toEqual([])
  expect(commands.map((entry) => [entry.plugin, entry.spec.name])).toEqual([
    ["alpha", "alpha-one"],
    ["alpha", "alpha-two"],
    ["oauth_test", "test-token"],
  ])
  expect(commands[0]!.context.config).toEqual({ enabled: true, who: "configured" })
  expect(commands[0]!.context.name).toBe("alpha")
})

test("disabled and excluded plugins contribute no commands", async () => {
  const plugins = [plugin("off", [command("off-cmd")]), plugin("lonely", [command("lonely-cmd")], { dependencies: ["not_installed"] }), plugin("on", [command("on-cmd")])]
  const { commands, problems } = await collect(plugins, { DISABLED_PLUGINS: "off" })
  expect(commands.map((entry) => entry.spec.name)).toEqual(["on-cmd"])
  expect(problems).toEqual([])
  const switchedOff = await collect([plugin("on", [command("on-cmd")])], { PLUGINS__ON__ENABLED: "false" })
  expect(switchedOff.commands).toEqual([])
})

test("a built-in name or one another plugin took is refused and reported; the first owner keeps it", async () => {
  const { commands, problems } = await collect([plugin("first", [command("shared"), command("login")]), plugin("second", [command("shared"), command("own")])])
  expect(commands.map((entry) => [entry.plugin, entry.spec.name])).toEqual([
    ["first", "shared"],
    ["second", "own"],
  ])
  expect(problems).toEqual([
    'plugin first: auth command "login" not added: ccproxy auth login is built in',
    'plugin second: auth command "shared" not added: plugin first already adds ccproxy auth shared',
  ])
})

test("malformed commands are refused with the reason", async () => {
  const specs = [
    command("Bad Name"),
    command("no-run", { run: undefined as unknown as AuthCommandSpec["run"] }),
    command("takes-config", { args: { config: { type: "string", description: "mine" } } }),
    command("takes-c", { args: { cfg: { type: "string", alias: ["c"], description: "mine" } } }),
    command("odd-option", { args: { "x;y": { type: "boolean", description: "odd" } } }),
    command("odd-type", { args: { n: { type: "number", description: "odd" } as never } }),
    command("fine", { args: { who: { type: "positional", description: "whom", required: false }, loud: { type: "boolean", alias: ["l"], description: "shout" } } }),
  ]
  const { commands, problems } = await collect([plugin("messy", specs)])
  expect(commands.map((entry) => entry.spec.name)).toEqual(["fine"])
  expect(problems).toEqual([
    'plugin messy: auth command "Bad Name" not added: its name must be lowercase letters, digits and dashes',
    'plugin messy: auth command "no-run" not added: it has no run function',
    `plugin messy: auth command "takes-config" not added: option --config is ccproxy's own`,
    `plugin messy: auth command "takes-c" not added: option -c is ccproxy's own`,
    'plugin messy: auth command "odd-option" not added: option "x;y" must be letters, digits and dashes',
    'plugin messy: auth command "odd-type" not added: option n has unknown type "number"',
  ])
})
