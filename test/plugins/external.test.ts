import { expect, test } from "bun:test"
import { createTestApp } from "../helpers/test-server"
import { makePluginDir, systemPluginSource } from "../helpers/plugin-dir"

interface Status {
  plugins: Array<{ name: string; status: string; reason: string | null; source: string }>
  load_failures: Array<{ name: string; path: string; error: string }>
}

test("broken external plugins are each reported and the server still starts", async () => {
  const dir = makePluginDir({
    cycle_a: systemPluginSource("cycle_a", { dependencies: ["cycle_b"] }),
    cycle_b: systemPluginSource("cycle_b", { dependencies: ["cycle_a"] }),
    lonely: systemPluginSource("lonely", { dependencies: ["not_installed"] }),
    thrower: systemPluginSource("thrower", { body: 'throw new Error("cannot start")' }),
    syntax: "export const factory = defineSystemPlugin({ name: ",
    throws_on_import: 'throw new Error("import-time failure")\nexport const factory = 1',
    no_factory: "export const somethingElse = 1",
    working: systemPluginSource("working", { route: true }),
  })
  const app = await createTestApp({ settings: { plugin_dirs: [dir] } })
  const status = (await (await app.request("/plugins/status")).json()) as Status
  const byName = Object.fromEntries(status.plugins.map((plugin) => [plugin.name, plugin]))
  expect(byName.cycle_a).toMatchObject({ status: "excluded", reason: "dependency cycle cycle_a -> cycle_b -> cycle_a" })
  expect(byName.cycle_b!.reason).toContain("dependency cycle")
  expect(byName.lonely).toMatchObject({ status: "excluded", reason: "missing required dependency not_installed" })
  expect(byName.thrower).toMatchObject({ status: "failed", reason: "initialize failed: cannot start" })
  expect(byName.working).toMatchObject({ status: "active", source: `${dir}/working/plugin.ts` })

  const failures = Object.fromEntries(status.load_failures.map((failure) => [failure.name, failure]))
  expect(Object.keys(failures).sort()).toEqual(["no_factory", "syntax", "throws_on_import"])
  expect(failures.syntax!.path).toBe(`${dir}/syntax/plugin.ts`)
  expect(failures.throws_on_import!.error).toContain("import-time failure")
  expect(failures.no_factory!.error).toContain("does not export `factory`")

  expect(await (await app.request("/working")).json()).toEqual({ message: "hello from working" })
  expect((await app.request("/health/ready")).status).toBe(200)
  expect(((await (await app.request("/health")).json()) as { status: string }).status).toBe("warn")
})

test("an external plugin reads its own [plugins.<name>] settings", async () => {
  const dir = makePluginDir({ greeter: systemPluginSource("greeter", { route: true }) })
  const app = await createTestApp({ settings: { plugin_dirs: [dir], "plugins.greeter.message": "configured" } })
  expect(await (await app.request("/greeter")).json()).toEqual({ message: "configured" })
})

test("an external plugin with a built-in's name is refused, the built-in stays", async () => {
  const dir = makePluginDir({ access_log: systemPluginSource("access_log") })
  const app = await createTestApp({ settings: { plugin_dirs: [dir] } })
  const status = (await (await app.request("/plugins/status")).json()) as Status
  expect(status.load_failures[0]!.error).toContain("already registered from bundled")
  expect(status.plugins.find((plugin) => plugin.name === "access_log")?.source).toBe("bundled")
})
