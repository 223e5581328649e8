import { afterAll, afterEach, describe, expect, spyOn, test } from "bun:test"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Type } from "@sinclair/typebox"
import { runCli as runInProcess } from "~/cli/run"
import { UsageError } from "~/core/errors"
import { configureLogging } from "~/core/log"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { runCli, stopAllCliProcesses } from "../helpers/cli"
import { makePluginDir } from "../helpers/plugin-dir"

afterAll(stopAllCliProcesses)
// A plugin's command configures logging as `ccproxy auth` does; the rest of the run stays quiet.
afterEach(() => configureLogging({ level: "CRITICAL", format: "json", write: () => {} }))

const seen: unknown[] = []

/** A plugin as a built-in one is written: a factory in this process, typed config. */
const builtinStyle = defineSystemPlugin({
  name: "bundled_keys",
  version: "1.0.0",
  config: Type.Object({ team: Type.String({ default: "core", description: "Team name" }) }),
  authCommands: [
    {
      name: "team-key",
      description: "Show the team key",
      args: {
        team: { type: "positional", description: "Team", required: false },
        json: { type: "boolean", description: "Print JSON" },
        label: { type: "string", alias: ["l"], description: "Label" },
      },
      run: (ctx, args) => {
        seen.push({ config: ctx.config, args: { team: args.team, json: args.json, label: args.label }, providers: ctx.oauth.list().map((provider) => provider.name) })
        if (args.team === "nobody") throw new UsageError("no such team")
        console.log(`key of ${args.team ?? ctx.config.team}`)
        return args.json ? 0 : 7
      },
    },
    { name: "status", description: "Clashes with the built-in", run: () => 0 },
  ],
})

/** `ccproxy ...argv` in this process, with `builtinStyle` registered beside the built-in plugins. */
async function inProcess(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = []
  const stderr: string[] = []
  const log = spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(parts.join(" ")))
  const error = spyOn(console, "error").mockImplementation((...parts: unknown[]) => void stderr.push(parts.join(" ")))
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]))
  Object.assign(process.env, env)
  try {
    const code = await runInProcess(argv, { extraPlugins: [builtinStyle] })
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") }
  } finally {
    log.mockRestore()
    error.mockRestore()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

describe("a built-in-style plugin's auth command", () => {
  test("is listed in ccproxy auth --help with its plugin; the clash with a built-in name is reported", async () => {
    const help = await inProcess(["auth", "--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/team-key\s+Show the team key \(plugin bundled_keys\)/)
    expect(help.stdout).toContain("providers|login|status|refresh|logout|team-key")
    expect(help.stderr).toBe('warning: plugin bundled_keys: auth command "status" not added: ccproxy auth status is built in')
    expect((await inProcess(["auth"])).stdout).toContain("team-key")
  })

  test("runs with its options parsed and the plugin's config; its return value is the exit code", async () => {
    seen.length = 0
    const result = await inProcess(["auth", "team-key", "ops", "--json", "-l", "laptop"], { PLUGINS__BUNDLED_KEYS__TEAM: "platform" })
    expect(result).toMatchObject({ code: 0, stdout: "key of ops" })
    expect(seen).toEqual([{ config: { enabled: true, team: "platform" }, args: { team: "ops", json: true, label: "laptop" }, providers: ["claude-api", "codex", "copilot"] }])
    expect((await inProcess(["auth", "team-key"])).code).toBe(7)
    const help = await inProcess(["auth", "team-key", "--help"])
    expect(help.stdout).toContain("--label")
    expect(help.stdout).toContain("--config")
  })

  test("an unknown option, a word too many or a UsageError from the plugin is a usage mistake (exit 2)", async () => {
    seen.length = 0
    const unknown = await inProcess(["auth", "team-key", "--bogus"])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("error: unknown option --bogus")
    expect(unknown.stderr).toContain("USAGE auth team-key")
    expect((await inProcess(["auth", "team-key", "a", "b"])).code).toBe(2)
    expect(seen).toEqual([])
    const refused = await inProcess(["auth", "team-key", "nobody"])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain("error: no such team")
  })

  test("a disabled plugin adds no command", async () => {
    const env = { DISABLED_PLUGINS: "bundled_keys" }
    expect((await inProcess(["auth", "--help"], env)).stdout).not.toContain("team-key")
    const run = await inProcess(["auth", "team-key"], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: unknown command "team-key"')
  })

  test("the built-in auth commands do not load the plugins' commands", async () => {
    const result = await inProcess(["auth", "status", "--help"])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
  })
})

const externalSource = (name: string, command: string) => `import { defineAuthProviderPlugin, Type } from "ccproxy/plugin"
export const factory = defineAuthProviderPlugin({
  name: ${JSON.stringify(name)},
  version: "0.1.0",
  config: Type.Object({ greeting: Type.String({ default: "hello" }) }),
  authCommands: [{
    name: ${JSON.stringify(command)},
    description: "Greet from ${name}",
    args: { who: { type: "positional", description: "Whom", required: false }, times: { type: "string", description: "How often" }, loud: { type: "boolean", description: "Shout" } },
    run: (ctx, args) => {
      const line = \`\${ctx.config.greeting} \${args.who ?? "world"} from ${name}\`.repeat(Number(args.times ?? 1))
      console.log(args.loud ? line.toUpperCase() : line)
      return 0
    },
  }],
})
`

describe("an external plugin's auth command (plugin_dirs)", () => {
  const dir = makePluginDir({ greeter: externalSource("greeter", "greet") })

  test("is listed, runs with its options and its [plugins.<name>] settings, and refuses unknown options", async () => {
    const env = { PLUGIN_DIRS: dir, PLUGINS__GREETER__GREETING: "hi" }
    const help = await runCli(["auth", "--help"], { env })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/greet\s+Greet from greeter \(plugin greeter\)/)
    const run = await runCli(["auth", "greet", "ann", "--loud", "--times", "2"], { env })
    expect(run).toMatchObject({ code: 0, stdout: "HI ANN FROM GREETERHI ANN FROM GREETER\n" })
    const unknown = await runCli(["auth", "greet", "--bogus"], { env })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split("\n")[0]).toBe("error: unknown option --bogus")
  })

  test("reads plugin_dirs from the --config given after the command's name", async () => {
    const config = join(mkdtempSync(join(tmpdir(), "ccproxy-config-")), "ccproxy.toml")
    await Bun.write(config, `plugin_dirs = [${JSON.stringify(dir)}]\n`)
    const run = await runCli(["auth", "greet", "--config", config])
    expect(run).toMatchObject({ code: 0, stdout: "hello world from greeter\n" })
  })

  test("two plugins adding the same command: the first keeps it, the other is reported", async () => {
    const clashing = makePluginDir({ a_first: externalSource("a_first", "greet"), b_second: externalSource("b_second", "greet") })
    const run = await runCli(["auth", "greet"], { env: { PLUGIN_DIRS: clashing } })
    expect(run.code).toBe(0)
    expect(run.stdout).toBe("hello world from a_first\n")
    expect(run.stderr).toContain('warning: plugin b_second: auth command "greet" not added: plugin a_first already adds ccproxy auth greet')
  })

  test("a disabled external plugin adds no command", async () => {
    const run = await runCli(["auth", "greet"], { env: { PLUGIN_DIRS: dir, DISABLED_PLUGINS: "greeter" } })
    expect(run.code).toBe(2)
    expect(run.stderr.split("\n")[0]).toBe('error: unknown command "greet"')
  })

  test("invalid configuration: the command list still shows, running a plugin's command exits 2 naming the problem", async () => {
    const env = { PLUGIN_DIRS: dir, PLUGINS__GREETER__ENABLED: "perhaps" }
    const help = await runCli(["auth", "--help"], { env })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("logout")
    expect(help.stderr).toContain("warning: plugins' auth commands not listed: invalid plugin configuration:")
    const run = await runCli(["auth", "greet"], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("plugins.greeter.enabled")
  })
})
