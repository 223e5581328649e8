import { afterAll, describe, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import packageJson from "../../package.json"
import { localServerUrl, readinessUrl } from "~/cli/health"
import { runCli, startCliServer, stopAllCliProcesses } from "../helpers/cli"

afterAll(stopAllCliProcesses)

const isolatedCwd = () => mkdtempSync(join(tmpdir(), "ccproxy-health-"))

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() })
  const port = server.port!
  await server.stop(true)
  return port
}

describe("URLs", () => {
  test("readinessUrl appends /health/ready unless it is there", () => {
    expect(readinessUrl("http://127.0.0.1:8000")).toBe("http://127.0.0.1:8000/health/ready")
    expect(readinessUrl("http://h:1/proxy/")).toBe("http://h:1/proxy/health/ready")
    expect(readinessUrl("http://h:1/health/ready")).toBe("http://h:1/health/ready")
  })

  test("localServerUrl reaches wildcard addresses on loopback", () => {
    expect(localServerUrl("127.0.0.1", 8000)).toBe("http://127.0.0.1:8000")
    expect(localServerUrl("0.0.0.0", 9000)).toBe("http://127.0.0.1:9000")
    expect(localServerUrl("::", 9000)).toBe("http://[::1]:9000")
  })
})

describe("ccproxy health", () => {
  test("exits 0 against a running server, by --url and by --port", async () => {
    const server = await startCliServer([], { cwd: isolatedCwd() })
    try {
      const byUrl = await runCli(["health", "--url", server.url], { cwd: isolatedCwd() })
      expect(byUrl.code).toBe(0)
      expect(byUrl.stdout.trim()).toBe(`ready: ${server.url}/health/ready (ccproxy ${packageJson.version})`)
      const port = new URL(server.url).port
      expect((await runCli(["health", "--port", port], { cwd: isolatedCwd() })).code).toBe(0)
    } finally {
      await server.stop()
    }
  })

  test("the default URL comes from the configured host and port (file, then env)", async () => {
    const server = await startCliServer([], { cwd: isolatedCwd() })
    try {
      const port = new URL(server.url).port
      const cwd = isolatedCwd()
      writeFileSync(join(cwd, "ccproxy.toml"), `[server]\nhost = "0.0.0.0"\nport = ${port}\n`)
      expect((await runCli(["health"], { cwd })).code).toBe(0)
      expect((await runCli(["health"], { cwd: isolatedCwd(), env: { SERVER__PORT: port } })).code).toBe(0)
    } finally {
      await server.stop()
    }
  })

  test("refused: exits 1 with the reason, after the wait and not long after", async () => {
    const port = await freePort()
    const started = performance.now()
    const result = await runCli(["health", "--url", `http://127.0.0.1:${port}`, "--wait", "1"], { cwd: isolatedCwd() })
    const seconds = (performance.now() - started) / 1000
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("not ready after waiting 1s")
    expect(result.stderr).toContain("connection refused")
    expect(result.stderr).toContain(`http://127.0.0.1:${port}/health/ready`)
    expect(seconds).toBeGreaterThanOrEqual(1)
    expect(seconds).toBeLessThan(10)
    const once = await runCli(["health", "--url", `http://127.0.0.1:${port}`], { cwd: isolatedCwd() })
    expect(once.code).toBe(1)
    expect(once.stderr.trim()).toBe(`error: not ready: connection refused (http://127.0.0.1:${port}/health/ready)`)
  })

  test("not ready (503): reports the server's reason and polls at a calm pace", async () => {
    let requests = 0
    const fake = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () => {
        requests++
        return Response.json({ status: "fail", output: "Plugins are still initializing" }, { status: 503 })
      },
    })
    try {
      const result = await runCli(["health", "--url", fake.url.href, "--wait", "1.5"], { cwd: isolatedCwd() })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain("HTTP 503: Plugins are still initializing")
      expect(requests).toBeGreaterThanOrEqual(2)
      expect(requests).toBeLessThanOrEqual(10)
    } finally {
      await fake.stop(true)
    }
  })

  test("--wait: waits for a server that starts later, then exits 0", async () => {
    const port = await freePort()
    const cwd = isolatedCwd()
    const waiting = runCli(["health", "--port", String(port), "--wait", "30"], { cwd, timeoutMs: 40_000 })
    await Bun.sleep(700)
    const server = await startCliServer(["--port", String(port)], { cwd })
    try {
      const result = await waiting
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(`ready: http://127.0.0.1:${port}/health/ready`)
    } finally {
      await server.stop()
    }
  }, 45_000)

  test("usage mistakes exit 2", async () => {
    expect((await runCli(["health", "--wait", "soon"], { cwd: isolatedCwd() })).code).toBe(2)
    expect((await runCli(["health", "--url", "not a url"], { cwd: isolatedCwd() })).code).toBe(2)
  })
})
