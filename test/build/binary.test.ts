/**
 * Builds the executable for this machine once (as `bun run build` does, into a temp dir) and
 * runs it from a folder outside the repository: version, health, external TypeScript plugins.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import packageJson from "../../package.json"
import { REPO_ROOT, runCli, startCliServer, stopAllCliProcesses, type CliServer } from "../helpers/cli"

const BUILD_TIMEOUT = 180_000
const TEST_TIMEOUT = 120_000

const work = mkdtempSync(join(tmpdir(), "ccproxy-binary-"))
const binary = join(work, process.platform === "win32" ? "ccproxy.exe" : "ccproxy")
const runDir = join(work, "run")
const pluginDir = join(work, "plugins")

/** An external plugin in TypeScript: types, a relative import, and the authoring API by name. */
const HELLO_PLUGIN = `
import { defineSystemPlugin, Elysia, Type, type PluginContext } from "ccproxy/plugin"
import { shout } from "./shout.ts"

interface HelloConfig {
  greeting: string
}

export const factory = defineSystemPlugin({
  name: "hello",
  version: "1.2.3",
  description: "says hello",
  config: Type.Object({ greeting: Type.String({ default: "hello from a ts plugin" }) }),
  routes: [
    {
      prefix: "/hello",
      build: (app: Elysia, context: PluginContext<HelloConfig>) =>
        app.get("/", () => ({ say: context.config.greeting, loud: shout(context.config.greeting), sameElysia: app instanceof Elysia })),
    },
  ],
})
`

const BROKEN_PLUGIN = `
import { defineSystemPlugin } from "ccproxy/plugin"
export const factory = defineSystemPlugin({
  name: "broken",
  version: "1.0.0",
`

function writePlugins() {
  mkdirSync(runDir, { recursive: true })
  mkdirSync(join(pluginDir, "hello"), { recursive: true })
  writeFileSync(join(pluginDir, "hello/plugin.ts"), HELLO_PLUGIN)
  writeFileSync(join(pluginDir, "hello/shout.ts"), "export const shout = (text: string): string => `${text.toUpperCase()}!`\n")
  mkdirSync(join(pluginDir, "broken"), { recursive: true })
  writeFileSync(join(pluginDir, "broken/plugin.ts"), BROKEN_PLUGIN)
}

/** Runs the compiled binary from a folder with no config, bunfig or node_modules. */
const inRunDir = { binary, cwd: runDir }

beforeAll(async () => {
  writePlugins()
  const build = Bun.spawn([process.execPath, join(REPO_ROOT, "scripts/build.ts"), "--single", "--outfile", binary], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" })
  const [code, stdout, stderr] = await Promise.all([build.exited, new Response(build.stdout).text(), new Response(build.stderr).text()])
  if (code !== 0 || !existsSync(binary)) throw new Error(`build failed (exit ${code}):\n${stdout}\n${stderr}`)
  expect(stdout).toContain("ccproxy")
  expect(stdout).toMatch(/\d+(\.\d+)? MB/)
}, BUILD_TIMEOUT)

afterAll(async () => {
  await stopAllCliProcesses()
  rmSync(work, { recursive: true, force: true })
})

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.json() }
}

describe("compiled binary", () => {
  test(
    "--version prints the package.json version",
    async () => {
      const result = await runCli(["--version"], inRunDir)
      expect(result.code).toBe(0)
      expect(result.stdout.trim()).toBe(packageJson.version)
    },
    TEST_TIMEOUT,
  )

  test(
    "serve --port 0 answers /health with pass",
    async () => {
      const server = await startCliServer([], inRunDir)
      try {
        const { status, body } = await getJson(`${server.url}/health`)
        expect(status).toBe(200)
        expect(body.status).toBe("pass")
        expect(body.version).toBe(packageJson.version)
      } finally {
        expect(await server.stop()).toBe(0)
      }
    },
    TEST_TIMEOUT,
  )

  describe("with external plugins", () => {
    let server: CliServer
    beforeAll(async () => {
      server = await startCliServer(["--plugin-dir", pluginDir], inRunDir)
    }, TEST_TIMEOUT)
    afterAll(async () => {
      await server?.stop()
    })

    test(
      "loads a TypeScript plugin importing ccproxy/plugin and serves its route",
      async () => {
        const { status, body } = await getJson(`${server.url}/hello`)
        expect(status).toBe(200)
        expect(body).toEqual({ say: "hello from a ts plugin", loud: "HELLO FROM A TS PLUGIN!", sameElysia: true })
        const plugins = (await getJson(`${server.url}/plugins/status`)).body.plugins
        expect(plugins.find((plugin: { name: string }) => plugin.name === "hello")).toMatchObject({
          status: "active",
          version: "1.2.3",
          source: join(pluginDir, "hello/plugin.ts"),
        })
      },
      TEST_TIMEOUT,
    )

    test(
      "reports a plugin with a syntax error in load_failures and still serves",
      async () => {
        const { status, body } = await getJson(`${server.url}/plugins/status`)
        expect(status).toBe(200)
        expect(body.load_failures).toEqual([{ name: "broken", path: join(pluginDir, "broken/plugin.ts"), error: expect.any(String) }])
        expect(body.plugins.map((plugin: { name: string }) => plugin.name)).not.toContain("broken")
        expect(server.stderrText()).toContain("external plugin broken")
        expect((await fetch(`${server.url}/health/live`)).status).toBe(200)
      },
      TEST_TIMEOUT,
    )
  })
})
