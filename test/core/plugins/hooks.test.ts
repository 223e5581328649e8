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
