import { expect, test } from "bun:test"
import { passthroughSse, type StreamOutcome } from "../../src/providers/sse-streams"

const encoder = new TextEncoder()
const delta = encoder.encode('event: content_block_delta\ndata: {"type":"content_block_delta"}\n\n')
const stop = encoder.encode('event: message_stop\ndata: {"type":"message_stop"}\n\n')

/** Sends `count` deltas `everyMs` apart, then (unless `stall`) the final event. */
function trickle(count: number, everyMs: number, stall = false) {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await Bun.sleep(everyMs)
      if (sent++ < count) return controller.enqueue(delta)
      if (stall) return new Promise<void>(() => {})
      controller.enqueue(stop)
      controller.close()
    },
  })
}

async function run(upstream: ReadableStream<Uint8Array>, idleTimeoutMs: number) {
  let outcome: StreamOutcome | undefined
  const text = await new Response(passthroughSse(upstream, "anthropic.messages", { idleTimeoutMs, observer: { onEnd: (o) => (outcome = o) } })).text()
  return { text, outcome: outcome! }
}

test("one idle timer per stream: a stream slower in total than the idle timeout, but never silent that long, completes", async () => {
  const { outcome } = await run(trickle(12, 25), 120)
  expect(outcome).toMatchObject({ ok: true, chunks: 13 })
})

test("a read that waits the idle timeout ends the stream with an error, after the chunks before it", async () => {
  const started = performance.now()
  const { text, outcome } = await run(trickle(3, 20, true), 150)
  const took = performance.now() - started
  expect(outcome.ok).toBe(false)
  expect(outcome.error).toBe("upstream sent nothing for 0 s")
  expect(text).toContain("event: error")
  expect(text.split("content_block_delta").length - 1).toBe(6)
  expect(took).toBeGreaterThanOrEqual(150)
  expect(took).toBeLessThan(5000)
})
