import { expect, test } from "bun:test"
import { watchBody } from "~/server/watch-body"

test("a client that goes away mid-stream is reported as the cancel reason, not as the controller's invalid state", async () => {
  const ended: Array<{ error?: unknown; bytes: number }> = []
  let upstreamCancelled: unknown
  const upstream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("data: 1\n\n"))
    },
    cancel(reason) {
      upstreamCancelled = reason ?? "cancelled"
    },
  })
  const watched = watchBody(upstream, { onEnd: (bytes) => ended.push({ bytes }), onError: (error, bytes) => ended.push({ error, bytes }) })
  const reader = watched.getReader()
  expect((await reader.read()).done).toBe(false)
  const pending = reader.read() // a pull now waits on the silent upstream
  await Bun.sleep(5)
  await reader.cancel(new Error("client disconnected"))
  expect((await pending).done).toBe(true)
  await Bun.sleep(5)
  expect(upstreamCancelled).toBeDefined()
  expect(ended).toHaveLength(1)
  expect(String((ended[0]!.error as Error).message)).toBe("client disconnected")
  expect(ended[0]!.bytes).toBe(9)
})

test("a body read to the end reports its size once", async () => {
  const ended: Array<{ error?: unknown; bytes: number }> = []
  const watched = watchBody(new Response("abc").body!, { onEnd: (bytes) => ended.push({ bytes }), onError: (error, bytes) => ended.push({ error, bytes }) })
  expect(await new Response(watched).text()).toBe("abc")
  expect(ended).toEqual([{ bytes: 3 }])
})
