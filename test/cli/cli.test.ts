import { afterAll, describe, expect, test } from "bun:test"
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import packageJson from "../../package.json"
import { runCli, startCliServer, stopAllCliProcesses } from "../helpers/cli"
import { makePluginDir, systemPluginSource } from "../helpers/plugin-dir"

afterAll(stopAllCliProcesses)

const isolatedCwd = () => mkdtempSync(join(tmpdir(), "ccproxy-cwd-"))

describe("basics", () => {
  test("--version prints the version; no subcommand prints help", async () => {
    expect((await runCli(["--version"])).stdout.trim()).toBe(packageJson.version)
    const help = await runCli([])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("serve")
    expect(help.stdout).toContain("auth")
    expect((await runCli(["serve", "--help"])).stdout).toContain("--enable-plugin")
  })

  test("usage mistakes exit 2 with one clear line and the relevant help, no stack trace", async () => {
    const unknownCommand = await runCli(["frobnicate"])
    expect(unknownCommand.code).toBe(2)
    expect(unknownCommand.stderr.split("\n")[0]).toBe('error: unknown command "frobnicate"')
    const unknownOption = await runCli(["config", "show", "--colour"])
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.stderr.split("\n")[0]).toBe("error: unknown option --colour")
    expect(unknownOption.stderr).toContain("USAGE config show [OPTIONS]")
    const missing = await runCli(["plugins", "settings"])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("NAME")
    for (const result of [unknownCommand, unknownOption, missing]) expect(result.stderr).not.toMatch(/\n\s+at /)
    const inherited = await runCli(["config", "constructor"])
    expect(inherited.code).toBe(2)
    expect(inherited.stderr.split("\n")[0]).toBe('error: unknown command "constructor"')
  })

  test("a word a command has no place for is a usage mistake, not silently dropped", async () => {
    const port = await runCli(["serve", "9000"], { cwd: isolatedCwd() })
    expect(port.code).toBe(2)
    expect(port.stderr.split("\n")[0]).toBe('error: unexpected argument "9000"; did you mean --port 9000?')
    const extra = await runCli(["auth", "status", "claude-api", "codex"])
    expect(extra.code).toBe(2)
    expect(extra.stderr.split("\n")[0]).toBe('error: unexpected argument "codex"')
    expect(extra.stderr).toContain("USAGE auth status")
    const groupOption = await runCli(["--port", "5"])
    expect(groupOption.code).toBe(2)
    expect(groupOption.stderr.split("\n")[0]).toBe("error: unknown option --port")
    expect((await runCli(["auth", "--bogus"])).code).toBe(2)
    expect((await runCli(["auth"])).code).toBe(0)
  })
})

describe("config", () => {
  test("show --json: flags > env > file > defaults, with sources, secrets masked", async () => {
    const cwd = isolatedCwd()
    writeFileSync(join(cwd, "ccproxy.toml"), '[server]\nport = 7001\nhost = "127.0.0.2"\nshutdown_timeout = 5\n[security]\nauth_token = "file-token-1234567890"\n[logging]\nlevel = "DEBUG"\n')
    const env = { SERVER__PORT: "7002", SERVER__SHUTDOWN_TIMEOUT: "6", CCPROXY_LOGGING__LEVEL: "ERROR" }
    const result = await runCli(["config", "show", "--json", "--port", "7003"], { cwd, env })
    expect(result.code).toBe(0)
    const shown = JSON.parse(result.stdout)
    expect(shown.file).toBe(join(cwd, "ccproxy.toml"))
    expect(shown.settings.server).toMatchObject({ port: 7003, host: "127.0.0.2", shutdown_timeout: 6 })
    expect(shown.settings.logging.level).toBe("ERROR")
    expect(shown.sources["server.port"]).toEqual({ kind: "flag", detail: "--port" })
    expect(shown.sources["server.shutdown_timeout"]).toEqual({ kind: "env", detail: "SERVER__SHUTDOWN_TIMEOUT" })
    expect(shown.sources["logging.level"]).toEqual({ kind: "env", detail: "CCPROXY_LOGGING__LEVEL" })
    expect(shown.sources["server.host"].kind).toBe("file")
    expect(shown.sources["server.max_body_bytes"]).toEqual({ kind: "default" })
    expect(shown.settings.security.auth_token).toBe("file****")
    expect(result.stdout).not.toContain("file-token-1234567890")
    expect(shown.settings.plugins.access_log.client_format).toBe("structured")
  })

  test("show (text) lists each key with its source", async () => {
    const result = await runCli(["config", "show", "--log-level", "debug"], { cwd: isolatedCwd() })
    expect(result.stdout).toContain('logging.level = "DEBUG"    # flag: --log-level')
    expect(result.stdout).toContain("server.port = 8000    # default")
  })

  test("show warns on stderr about a misspelt key or plugin, which the listing cannot show", async () => {
    const cwd = isolatedCwd()
    writeFileSync(join(cwd, "ccproxy.toml"), "[server]\nprot = 9000\n")
    const result = await runCli(["config", "show", "--enable-plugin", "max_token"], { cwd })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`warning: unknown setting server.prot in ${join(cwd, "ccproxy.toml")}; did you mean server.port?`)
    expect(result.stderr).toContain("warning: unknown plugin max_token (from flag --enable-plugin); did you mean max_tokens?")
    const json = await runCli(["config", "show", "--json"], { cwd })
    expect(() => JSON.parse(json.stdout)).not.toThrow()
  })

  test("validate: exit 0 when valid, exit 2 listing every problem", async () => {
    const cwd = isolatedCwd()
    const good = join(cwd, "good.toml")
    writeFileSync(good, "[server]\nport = 9000\n")
    expect((await runCli(["config", "validate", "-c", good])).code).toBe(0)
    const bad = join(cwd, "bad.toml")
    writeFileSync(bad, '[server]\nport = "x"\nhost = 5\n[plugins.access_log]\nclient_format = "fancy"\n')
    const result = await runCli(["config", "validate", "-c", bad])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("server.port: expected integer")
    expect(result.stderr).toContain("server.host: expected string")
    expect(result.stderr).toContain('plugins.access_log.client_format: expected "structured" | "common" | "combined", got "fancy"')
  })

  test("invalid configuration stops serve with exit 2 naming the key and source", async () => {
    const result = await runCli(["serve", "--port", "eighty"], { cwd: isolatedCwd() })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('server.port: expected integer, got "eighty" (from flag --port)')
    const missingFile = await runCli(["serve", "--config", "/nope/ccproxy.toml"])
    expect(missingFile.code).toBe(2)
    expect(missingFile.stderr).toContain("config file not found: /nope/ccproxy.toml")
  })

  test("serve on a port in use or an address that is not this machine's: exit 1, one line naming the address and the setting", async () => {
    const busy = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") })
    try {
      const inUse = await runCli(["serve", "--port", String(busy.port), "--disable-plugin", "analytics"], { cwd: isolatedCwd() })
      expect(inUse.code).toBe(1)
      expect(inUse.stderr).toContain(`error: cannot listen on 127.0.0.1:${busy.port}: port ${busy.port} is already in use`)
      expect(inUse.stderr).toContain("--port")
    } finally {
      busy.stop(true)
    }
    const notHere = await runCli(["serve", "--host", "192.0.2.1", "--port", "0", "--auth-token", "t"], { cwd: isolatedCwd() })
    expect(notHere.code).toBe(1)
    expect(notHere.stderr).toContain("error: cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine")
    const unresolvable = await runCli(["serve", "--host", "no-such-host.invalid", "--port", "0", "--auth-token", "t"], { cwd: isolatedCwd() })
    expect(unresolvable.code).toBe(1)
    expect(unresolvable.stderr).toContain("error: cannot listen on no-such-host.invalid:0: no-such-host.invalid is not a valid address or a name this machine resolves")
    for (const result of [notHere, unresolvable]) expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  test("init writes a commented file once; --force overwrites", async () => {
    const home = mkdtempSync(join(tmpdir(), "ccproxy-home-"))
    const env = { XDG_CONFIG_HOME: join(home, "config") }
    const path = join(home, "config", "ccproxy", "config.toml")
    expect((await runCli(["config", "init"], { env })).code).toBe(0)
    expect(readFileSync(path, "utf8")).toContain("# port = 8000")
    expect(statSync(path).mode & 0o777).toBe(0o600)
    writeFileSync(path, "# mine\n")
    const again = await runCli(["config", "init"], { env })
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain("already exists")
    expect(readFileSync(path, "utf8")).toBe("# mine\n")
    expect((await runCli(["config", "init", "--force"], { env })).code).toBe(0)
    expect(readFileSync(path, "utf8")).toContain("[plugins.access_log]")
    expect(existsSync(path)).toBe(true)
  })
})

describe("plugins", () => {
  test("list --json: every discovered plugin with type, version, state and source", async () => {
    const dir = makePluginDir({ extra: systemPluginSource("extra"), broken: "export const factory = (" })
    const result = await runCli(["plugins", "list", "--json", "--plugin-dir", dir], { env: { DISABLED_PLUGINS: "extra" } })
    expect(result.code).toBe(0)
    const plugins = JSON.parse(result.stdout)
    expect(plugins).toContainEqual({ name: "access_log", type: "system", version: "1.0.0", enabled: true, reason: null, source: "bundled" })
    expect(plugins).toContainEqual({ name: "extra", type: "system", version: "0.1.0", enabled: false, reason: "in disabled_plugins", source: join(dir, "extra", "plugin.ts") })
    expect(plugins.find((plugin: { name: string }) => plugin.name === "broken")).toMatchObject({ enabled: false, source: join(dir, "broken", "plugin.ts") })
  })

  test("settings NAME shows fields with types, defaults and descriptions", async () => {
    const result = await runCli(["plugins", "settings", "access_log", "--json"])
    const shown = JSON.parse(result.stdout)
    expect(shown.fields).toContainEqual({ key: "client_format", type: '"structured" | "common" | "combined"', default: "structured", description: "structured (one JSON object per line), common or combined", secret: false })
    const unknown = await runCli(["plugins", "settings", "nope"])
    expect(unknown.code).toBe(2)
    const typo = await runCli(["plugins", "settings", "claud_api"], { cwd: isolatedCwd() })
    expect(typo.code).toBe(2)
    expect(typo.stderr.split("\n")[0]).toBe("error: no plugin named claud_api; did you mean claude_api? `ccproxy plugins list` shows them")
  })
})

describe("serve start-up", () => {
  test("names where each login came from: the variable, the file", async () => {
    const codexHome = mkdtempSync(join(tmpdir(), "ccproxy-codex-home-"))
    writeFileSync(join(codexHome, "auth.json"), JSON.stringify({ tokens: { access_token: "not-a-jwt-access", refresh_token: "r" } }), { mode: 0o600 })
    const server = await startCliServer([], { cwd: isolatedCwd(), env: { CLAUDE_CODE_OAUTH_TOKEN: "sk-ant-oat01-startup-test", CODEX_HOME: codexHome, ENABLED_PLUGINS: "oauth_claude,oauth_codex" } })
    await server.stop()
    expect(server.stderrText()).toContain("Claude credentials from CLAUDE_CODE_OAUTH_TOKEN")
    expect(server.stderrText()).toContain(`Codex credentials from ${join(codexHome, "auth.json")}`)
  })
})

describe("auth", () => {
  test("with no auth plugins, providers is an empty list and exits 0", async () => {
    const env = { DISABLED_PLUGINS: "oauth_claude,oauth_codex,oauth_copilot" }
    const result = await runCli(["auth", "providers", "--json"], { env })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
    const login = await runCli(["auth", "login", "claude-api"], { env })
    expect(login.code).toBe(2)
    expect(login.stderr).toContain('unknown auth provider "claude-api"')
  })

  test("a misspelt provider gets a did-you-mean and the list", async () => {
    const status = await runCli(["auth", "status", "copliot"], { cwd: isolatedCwd() })
    expect(status.code).toBe(2)
    expect(status.stderr.split("\n")[0]).toBe('error: unknown auth provider "copliot"; did you mean copilot? available: claude-api, codex, copilot')
  })
})
