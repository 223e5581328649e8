import { describe, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadConfig } from "~/config/load"
import { ConfigError } from "~/core/errors"

function tempConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ccproxy-config-"))
  const path = join(dir, "config.toml")
  writeFileSync(path, text)
  return path
}

describe("loadConfig precedence", () => {
  const file = tempConfig('[server]\nport = 7001\nhost = "0.0.0.0"\n[logging]\nlevel = "DEBUG"\n')

  test("defaults when nothing is set", () => {
    const loaded = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), "empty-")) })
    expect(loaded.settings.server).toEqual({ host: "127.0.0.1", port: 8000, shutdown_timeout: 30, max_body_bytes: 33554432 })
    expect(loaded.file).toBeUndefined()
    expect(loaded.sources.size).toBe(0)
  })

  test("file < env < flag, each recorded as the source", () => {
    const env = { SERVER__PORT: "7002" }
    const flags = [{ path: ["server", "port"], value: 7003, flag: "--port" }]
    expect(loadConfig({ configPath: file, env }).settings.server.port).toBe(7002)
    expect(loadConfig({ configPath: file, env: {} }).settings.server.port).toBe(7001)
    const all = loadConfig({ configPath: file, env, flags })
    expect(all.settings.server.port).toBe(7003)
    expect(all.sources.get("server.port")).toEqual({ kind: "flag", detail: "--port" })
    expect(all.sources.get("server.host")?.kind).toBe("file")
    expect(loadConfig({ configPath: file, env }).sources.get("server.port")).toEqual({ kind: "env", detail: "SERVER__PORT" })
  })

  test("CCPROXY_ prefixed variables win over bare ones", () => {
    const loaded = loadConfig({ env: { SERVER__PORT: "7002", CCPROXY_SERVER__PORT: "7004" } })
    expect(loaded.settings.server.port).toBe(7004)
    expect(loaded.sources.get("server.port")?.detail).toBe("CCPROXY_SERVER__PORT")
  })

  test("CCPROXY_CONFIG names the file; --config wins over it", () => {
    const other = tempConfig("[server]\nport = 7100\n")
    expect(loadConfig({ env: { CCPROXY_CONFIG: other } }).settings.server.port).toBe(7100)
    expect(loadConfig({ env: { CCPROXY_CONFIG: other }, configPath: file }).settings.server.port).toBe(7001)
  })

  test("a named config file that does not exist is an error", () => {
    expect(() => loadConfig({ configPath: "/nonexistent/ccproxy.toml", env: {} })).toThrow(ConfigError)
  })

  test("lists accept a,b and JSON arrays; booleans and numbers are coerced", () => {
    const loaded = loadConfig({ env: { ENABLED_PLUGINS: "claude_api,codex", DISABLED_PLUGINS: '["metrics"]', ENABLE_PLUGINS: "false", SERVER__SHUTDOWN_TIMEOUT: "2.5" } })
    expect(loaded.settings.enabled_plugins).toEqual(["claude_api", "codex"])
    expect(loaded.settings.disabled_plugins).toEqual(["metrics"])
    expect(loaded.settings.enable_plugins).toBe(false)
    expect(loaded.settings.server.shutdown_timeout).toBe(2.5)
  })

  test("unrelated environment variables are not settings", () => {
    const loaded = loadConfig({ env: { HOME: "/x", PATH: "/bin", SERVER: "y" }, cwd: mkdtempSync(join(tmpdir(), "empty-")) })
    expect(loaded.problems).toEqual([])
    expect(loaded.sources.size).toBe(0)
  })
})

describe("invalid configuration", () => {
  test("each problem names the key, source, expected type and received value", () => {
    const file = tempConfig('[server]\nport = "eighty"\n[logging]\nformat = "xml"\n')
    const loaded = loadConfig({ configPath: file, env: { SERVER__SHUTDOWN_TIMEOUT: "soon" } })
    expect(loaded.problems).toHaveLength(3)
    expect(loaded.problems.find((p) => p.startsWith("server.port"))).toBe(`server.port: expected integer, got "eighty" (from file ${file} (server.port))`)
    expect(loaded.problems.find((p) => p.startsWith("logging.format"))).toContain('expected "pretty" | "json", got "xml"')
    expect(loaded.problems.find((p) => p.startsWith("server.shutdown_timeout"))).toContain('got "soon" (from env SERVER__SHUTDOWN_TIMEOUT)')
  })

  test("out of range values say so", () => {
    const loaded = loadConfig({ env: {}, flags: [{ path: ["server", "port"], value: 70000, flag: "--port" }] })
    expect(loaded.problems[0]).toBe("server.port: expected integer from 0 to 65535, got 70000 (from flag --port)")
    const small = loadConfig({ env: { SERVER__MAX_BODY_BYTES: "10", SERVER__SHUTDOWN_TIMEOUT: "-1" } })
    expect(small.problems.sort()).toEqual([
      "server.max_body_bytes: expected integer of at least 1024, got 10 (from env SERVER__MAX_BODY_BYTES)",
      "server.shutdown_timeout: expected number of at least 0, got -1 (from env SERVER__SHUTDOWN_TIMEOUT)",
    ])
  })

  test("a TOML syntax error names the file", () => {
    const file = tempConfig("[server\nport = 1\n")
    expect(() => loadConfig({ configPath: file, env: {} })).toThrow(`cannot read config file ${file}:1:8: illegal character in key`)
  })

  test("a config path that cannot be read (a directory) says why, without a line number", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccproxy-config-dir-"))
    expect(() => loadConfig({ configPath: dir, env: {} })).toThrow(`cannot read config file ${dir}: EISDIR`)
  })

  test("a bad item inside a list names the list's source, not \"default\"", () => {
    const file = tempConfig('[cors]\norigins = ["https://a.example", 5]\n')
    expect(loadConfig({ configPath: file, env: {} }).problems).toEqual([`cors.origins.1: expected string, got 5 (from file ${file} (cors.origins))`])
  })

  test("a TOML syntax error shows the offending line", () => {
    const file = tempConfig("[server]\nport = \n")
    let message = ""
    try {
      loadConfig({ configPath: file, env: {} })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message.split("\n")[0]).toBe(`cannot read config file ${file}:2:8: invalid value`)
    expect(message).toContain("2:  port = ")
    expect(message).toContain("^")
  })

  test("unknown keys warn with a did-you-mean", () => {
    const file = tempConfig("[server]\nprot = 1\n[loging]\nlevel = \"INFO\"\n")
    const loaded = loadConfig({ configPath: file, env: {} })
    expect(loaded.problems).toEqual([])
    expect(loaded.warnings).toEqual([`unknown setting server.prot in ${file}; did you mean server.port?`, `unknown setting loging in ${file}; did you mean logging?`])
  })
})

describe("plugin flags", () => {
  test("--enable-plugin turns a plugin on over the deny list and joins an allow list", () => {
    const loaded = loadConfig({ env: { DISABLED_PLUGINS: "a,b", ENABLED_PLUGINS: "x" }, enablePlugins: ["a"], disablePlugins: ["c"] })
    expect(loaded.settings.disabled_plugins.sort()).toEqual(["b", "c"])
    expect(loaded.settings.enabled_plugins).toEqual(["x", "a"])
    expect(loaded.settings.plugins.a).toEqual({ enabled: true })
  })
})

describe("forgiving input", () => {
  test("level names in any case; empty variables count as unset", () => {
    const loaded = loadConfig({ env: { LOGGING__LEVEL: "debug", LOGGING__FORMAT: "JSON", SECURITY__AUTH_TOKEN: "" }, cwd: mkdtempSync(join(tmpdir(), "empty-")) })
    expect(loaded.problems).toEqual([])
    expect(loaded.settings.logging).toEqual({ level: "DEBUG", format: "json" })
    expect(loaded.settings.security.auth_token).toBeUndefined()
  })

  test("--enable-plugin with plugins off as a whole turns on exactly the named ones", () => {
    const loaded = loadConfig({ env: { ENABLE_PLUGINS: "false" }, enablePlugins: ["access_log"], cwd: mkdtempSync(join(tmpdir(), "empty-")) })
    expect(loaded.settings.enable_plugins).toBe(true)
    expect(loaded.settings.enabled_plugins).toEqual(["access_log"])
  })
})
