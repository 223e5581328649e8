import { expect, test } from "bun:test"
import { logger } from "~/core/log"
import { BatchWriter, type RowSink } from "../../../plugins/analytics/batch-writer"
import type { AnalyticsRow } from "../../../plugins/analytics/row"
import { analyticsRow } from "./helpers"

/** A sink whose inserts wait until released, or fail while `failing` is set. */
function gatedSink() {
  const batches: string[][] = []
  let release: (() => void) | undefined
  const sink = {
    failing: false,
    inserts: 0,
    async insert(rows: readonly AnalyticsRow[]) {
      sink.inserts++
      await new Promise<void>((resolve) => (release = resolve))
      if (sink.failing) throw new Error("database is locked")
      batches.push(rows.map((row) => row.request_id))
      return rows.length
    },
  } satisfies RowSink & Record<string, unknown>
  return { sink, batches, release: () => release?.() }
}

const options = { batchSize: 2, flushIntervalSeconds: 60, maxPending: 5 }

test("one batch at a time, in order; rows that arrive meanwhile wait for the next", async () => {
  const { sink, batches, release } = gatedSink()
  const writer = new BatchWriter(sink, options, logger("test"))
  writer.add(analyticsRow({ request_id: "a" }))
  writer.add(analyticsRow({ request_id: "b" }))
  await Bun.sleep(1)
  expect(sink.inserts).toBe(1)
  writer.add(analyticsRow({ request_id: "c" }))
  writer.add(analyticsRow({ request_id: "d" }))
  await Bun.sleep(1)
  expect(sink.inserts).toBe(1)
  expect(writer.pendingCount).toBe(4)
  release()
  await Bun.sleep(1)
  release()
  await Bun.sleep(1)
  expect(batches).toEqual([["a", "b"], ["c", "d"]])
  expect(writer.written).toBe(4)
  expect(writer.pendingCount).toBe(0)
  await writer.close()
})

test("a failed batch goes back to the front, is retried by flush, and overflow drops the oldest", async () => {
  const { sink, batches, release } = gatedSink()
  const writer = new BatchWriter(sink, options, logger("test"))
  sink.failing = true
  writer.add(analyticsRow({ request_id: "a" }))
  writer.add(analyticsRow({ request_id: "b" }))
  await Bun.sleep(1)
  release()
  await Bun.sleep(1)
  expect(writer.pendingCount).toBe(2)
  for (const id of ["c", "d", "e", "f"]) writer.add(analyticsRow({ request_id: id }))
  expect(writer.dropped).toBe(1)
  sink.failing = false
  const flushed = writer.flush()
  release()
  await flushed
  expect(batches).toEqual([["b", "c", "d", "e", "f"]])
})

test("close waits for the batch on its way and writes the rest", async () => {
  const { sink, batches, release } = gatedSink()
  const writer = new BatchWriter(sink, { ...options, batchSize: 100 }, logger("test"))
  writer.add(analyticsRow({ request_id: "a" }))
  void writer.flush()
  writer.add(analyticsRow({ request_id: "b" }))
  let closed = false
  const closing = writer.close().then(() => (closed = true))
  release()
  await Bun.sleep(1)
  expect(closed).toBe(false)
  release()
  await closing
  expect(batches).toEqual([["a"], ["b"]])
  writer.add(analyticsRow({ request_id: "late" }))
  expect(writer.pendingCount).toBe(0)
})

test("a reset while a batch is on its way: that batch, if it fails, is not written later", async () => {
  const { sink, batches, release } = gatedSink()
  const writer = new BatchWriter(sink, options, logger("test"))
  sink.failing = true
  writer.add(analyticsRow({ request_id: "a" }))
  writer.add(analyticsRow({ request_id: "b" }))
  await Bun.sleep(1)
  expect(sink.inserts).toBe(1)
  // POST /logs/reset: what is not written yet is forgotten, the rest deleted after the batch on its way.
  writer.discardPending()
  release()
  await Bun.sleep(1)
  expect(writer.pendingCount).toBe(0)
  sink.failing = false
  writer.add(analyticsRow({ request_id: "after" }))
  const flushed = writer.flush()
  release()
  await flushed
  expect(batches).toEqual([["after"]])
  await writer.close()
})

test("a sink that throws instead of rejecting (a worker that cannot start) fails the batch, which is kept for the next flush", async () => {
  let calls = 0
  const sink: RowSink = {
    insert(rows) {
      if (++calls === 1) throw new Error("cannot start a worker")
      return Promise.resolve(rows.length)
    },
  }
  const writer = new BatchWriter(sink, options, logger("test"))
  writer.add(analyticsRow({ request_id: "a" }))
  await writer.flush()
  expect(writer.lastError).toBe("cannot start a worker")
  expect(writer.pendingCount).toBe(1)
  await writer.flush()
  expect(writer.written).toBe(1)
  expect(writer.lastError).toBeUndefined()
  await writer.close()
})
