import { expect, test } from "bun:test"
import { HookRegistry } from "~/core/plugins/hooks"
import { logger } from "~/core/log"

const log = logger("test")

test("hooks run by priority, lower first; a throwing hook is isolated", async () => {
  const hooks = new HookRegistry(log)
  const calls: string[] = []
  hooks.register({ name: "late", plugin: "p", events: ["request.completed"], priority: 750, handler: () => void calls.push("late") })
  hooks.register({ name: "boom", plugin: "p", events: ["request.completed"], priority: 100, handler: () => { throw new Error("boom") } })
  hooks.register({ name: "early", plugin: "p", events: ["request.completed"], priority: 10, handler: () => void calls.push("early") })
  await hooks.emitAndWait("request.completed", {})
  expect(calls).toEqual(["early", "late"])
})

test("emit returns before observers run and never waits for slow ones", async () => {
  const hooks = new HookRegistry(log)
  let finished = false
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  hooks.register({ name: "slow", plugin: "p", events: ["request.started"], priority: 1, handler: async () => { await gate; finished = true } })
  hooks.emit("request.started", {})
  expect(finished).toBe(false)
  release()
  await Bun.sleep(5)
  expect(finished).toBe(true)
})

test("emitAndWait lets hooks mutate data for the caller", async () => {
  const hooks = new HookRegistry(log)
  hooks.register({ name: "mut", plugin: "p", events: ["provider.request.prepared"], priority: 1, handler: (event) => { (event.data.headers as Record<string, string>)["x-added"] = "1" } })
  const context = await hooks.emitAndWait("provider.request.prepared", { headers: {} })
  expect(context.data.headers).toEqual({ "x-added": "1" })
})

test("events emitted in one turn all run, in emit order, each through its hooks in priority order, past async and throwing hooks", async () => {
  const hooks = new HookRegistry(log)
  const calls: string[] = []
  hooks.register({ name: "async", plugin: "p", events: ["request.completed"], priority: 10, handler: async (event) => { await Bun.sleep(1); calls.push(`async ${event.data.n}`) } })
  hooks.register({ name: "boom", plugin: "p", events: ["request.completed"], priority: 20, handler: () => { throw new Error("boom") } })
  hooks.register({ name: "sync", plugin: "p", events: ["request.completed", "request.started"], priority: 30, handler: (event) => void calls.push(`sync ${event.event} ${event.data.n}`) })
  hooks.emit("request.started", { n: 1 })
  hooks.emit("request.completed", { n: 2 }, { requestId: "r2" })
  hooks.emit("request.started", { n: 3 })
  expect(calls).toEqual([])
  await Bun.sleep(20)
  expect(calls).toEqual(["sync request.started 1", "sync request.started 3", "async 2", "sync request.completed 2"])
  // A later turn schedules again.
  hooks.emit("request.started", { n: 4 })
  await Bun.sleep(5)
  expect(calls.at(-1)).toBe("sync request.started 4")
})
