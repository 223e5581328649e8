import { expect, test } from "bun:test"
import { TaskScheduler } from "~/core/plugins/tasks"
import { logger } from "~/core/log"

test("a failing task is retried with growing delays and stops at shutdown", async () => {
  const scheduler = new TaskScheduler(logger("test"))
  const runs: number[] = []
  scheduler.start({ name: "flaky", plugin: "p", intervalSeconds: 0.001, runOnStart: true, run: () => { runs.push(Date.now()); throw new Error("down") } })
  while (runs.length < 4) await Bun.sleep(1)
  expect(scheduler.consecutiveFailures("flaky")).toBeGreaterThanOrEqual(3)
  await scheduler.stop()
  const count = runs.length
  await Bun.sleep(30)
  expect(runs.length).toBe(count)
})

test("a success resets the failure count", async () => {
  const scheduler = new TaskScheduler(logger("test"))
  let calls = 0
  scheduler.start({ name: "recovering", plugin: "p", intervalSeconds: 0.001, runOnStart: true, run: () => { calls++; if (calls < 3) throw new Error("not yet") } })
  while (calls < 4) await Bun.sleep(1)
  expect(scheduler.consecutiveFailures("recovering")).toBe(0)
  await scheduler.stop()
})
