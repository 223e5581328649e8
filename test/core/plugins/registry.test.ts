import { expect, test } from "bun:test"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { createTestApp } from "../../helpers/test-server"

function recorder() {
  const events: string[] = []
  const plugin = (name: string, options: { dependencies?: string[]; failInit?: boolean; failShutdown?: boolean } = {}) =>
    defineSystemPlugin({
      name,
      version: "1.0.0",
      dependencies: options.dependencies,
      setup() {
        events.push(`init ${name}`)
        if (options.failInit) throw new Error(`${name} broke`)
        return {
          shutdown() {
            events.push(`shutdown ${name}`)
            if (options.failShutdown) throw new Error("shutdown broke")
          },
        }
      },
    })
  return { events, plugin }
}

test("registering a name twice is an error", async () => {
  const { plugin } = recorder()
  await expect(createTestApp({ plugins: [plugin("twin"), plugin("twin")] })).rejects.toThrow("plugin twin from test is already registered from test")
})

test("initialize runs in dependency order; shutdown in reverse, past a failing one", async () => {
  const { events, plugin } = recorder()
  const app = await createTestApp({ plugins: [plugin("c", { dependencies: ["b"] }), plugin("b", { dependencies: ["a"], failShutdown: true }), plugin("a")], settings: { enabled_plugins: ["a", "b", "c"] } })
  expect(app.system.registry.initializationOrder()).toEqual(["a", "b", "c"])
  await app.system.registry.shutdownAll()
  expect(events).toEqual(["init a", "init b", "init c", "shutdown c", "shutdown b", "shutdown a"])
})

test("a plugin whose initialize throws is failed, its dependents too, and the rest start", async () => {
  const { events, plugin } = recorder()
  const app = await createTestApp({ plugins: [plugin("bad", { failInit: true }), plugin("needs_bad", { dependencies: ["bad"] }), plugin("good")] })
  expect(events).toEqual(["init bad", "init good"])
  const status = (await (await app.request("/plugins/status")).json()) as { plugins: Array<{ name: string; status: string; reason: string | null }> }
  const byName = Object.fromEntries(status.plugins.map((p) => [p.name, p]))
  expect(byName.bad).toMatchObject({ status: "failed", reason: "initialize failed: bad broke" })
  expect(byName.needs_bad).toMatchObject({ status: "failed", reason: "dependency bad failed to initialize" })
  expect(byName.good!.status).toBe("active")
  const health = (await (await app.request("/health")).json()) as { status: string; checks: { plugins: Array<{ componentId: string; status: string }> } }
  expect(health.status).toBe("warn")
  expect(health.checks.plugins.find((check) => check.componentId === "bad")?.status).toBe("fail")
})

test("enablement: allow list, deny list and plugins.<name>.enabled", async () => {
  const { plugin } = recorder()
  const plugins = () => [plugin("p1"), plugin("p2"), plugin("p3")]
  const state = async (settings: Record<string, unknown>) => {
    const app = await createTestApp({ plugins: plugins(), settings, initialize: false })
    return Object.fromEntries(app.system.registry.all().map((entry) => [entry.name, entry.reason ?? entry.state]))
  }
  expect(await state({ enabled_plugins: ["p1"] })).toMatchObject({ p1: "pending", p2: "not in enabled_plugins", access_log: "not in enabled_plugins" })
  expect(await state({ disabled_plugins: ["p2"] })).toMatchObject({ p1: "pending", p2: "in disabled_plugins" })
  expect(await state({ "plugins.p3.enabled": false })).toMatchObject({ p3: "plugins.p3.enabled is false" })
  expect(await state({ enable_plugins: false })).toMatchObject({ p1: "enable_plugins is false" })
})

test("a service registry lets plugins provide and consume services", async () => {
  const seen: unknown[] = []
  const provider = defineSystemPlugin({ name: "prov", version: "1", provides: ["greeter"], setup: (ctx) => ctx.services.register("greeter", { hi: () => "hello" }, "prov") })
  const consumer = defineSystemPlugin({
    name: "cons",
    version: "1",
    dependencies: ["prov"],
    setup: (ctx) => {
      seen.push(ctx.services.has("greeter"), ctx.services.get<{ hi(): string }>("greeter")?.hi())
    },
  })
  const app = await createTestApp({ plugins: [consumer, provider], settings: { enabled_plugins: ["cons", "prov"] } })
  expect(seen).toEqual([true, "hello"])
  const status = (await (await app.request("/plugins/status")).json()) as { services: Record<string, string> }
  expect(status.services).toEqual({ greeter: "prov" })
})

test("a hook whose create returns undefined is not registered; the others are", async () => {
  const seen: string[] = []
  const plugin = defineSystemPlugin({
    name: "hooky",
    version: "1.0.0",
    hooks: [
      { name: "off", events: ["request.completed"], create: () => undefined },
      { name: "on", events: ["request.started"], create: () => (event) => void seen.push(event.event) },
    ],
  })
  const app = await createTestApp({ plugins: [plugin], settings: { enabled_plugins: ["hooky"] } })
  expect(app.system.core.hooks.hasListeners("request.completed")).toBe(false)
  expect(app.system.core.hooks.hasListeners("request.started")).toBe(true)
  await app.system.registry.shutdownAll()
})
