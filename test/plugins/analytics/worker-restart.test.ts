import { expect, test } from "bun:test"
import { AnalyticsWorker } from "../../../plugins/analytics/analytics-worker"
import { analyticsRow, tempDatabasePath } from "./helpers"

test("a worker that dies fails its jobs, and the next job starts a new one", async () => {
  const sql = new AnalyticsWorker(tempDatabasePath())
  expect(sql.started).toBe(false)
  expect(await sql.insert([analyticsRow({ request_id: "before" })])).toBe(1)
  // A message the worker's program does not expect throws outside its job handling: the worker dies.
  const running = () => (sql as unknown as { running?: { worker: Worker } }).running
  const first = running()!.worker
  first.postMessage(null)
  await Bun.sleep(100)
  expect(running()).toBeUndefined()
  expect(await sql.insert([analyticsRow({ request_id: "after" })])).toBe(1)
  expect(running()!.worker).not.toBe(first)
  const rows = await sql.all<{ request_id: string }>("SELECT request_id FROM access_logs ORDER BY id")
  expect(rows.map((row) => row.request_id)).toEqual(["before", "after"])
  await sql.close()
})
