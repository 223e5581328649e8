import { describe, expect, test } from "bun:test"
import { BodyTooLargeError, declaredLength, discard, limitBody, readLimitedBody } from "~/server/limited-body"

/** A body of `count` chunks of `size` bytes that records how many were pulled and whether it was cancelled. */
function chunkedBody(count: number, size: number) {
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === count) return controller.close()
        state.pulled++
        controller.enqueue(new Uint8Array(size).fill(120))
      },
      cancel: () => void (state.cancelled = true),
    },
    { highWaterMark: 0 },
  )
  return { stream, state }
}

const post = (body: RequestInit["body"], headers: Record<string, string> = {}) => new Request("http://localhost/", { method: "POST", body, headers })

describe("readLimitedBody", () => {
  test("a body of exactly the limit is read whole, in one piece from many chunks", async () => {
    const { stream } = chunkedBody(4, 256)
    const bytes = await readLimitedBody(post(stream), 1024)
    expect(bytes.byteLength).toBe(1024)
    expect(bytes.every((byte) => byte === 120)).toBe(true)
  })

  test("past the limit: a 413 after reading no more than one chunk past the limit, and the rest is cancelled", async () => {
    const { stream, state } = chunkedBody(1000, 256)
    const error = await readLimitedBody(post(stream), 1024).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BodyTooLargeError)
    expect(error).toMatchObject({ status: 413, type: "request_too_large", message: "Request body exceeds ccproxy's limit of 1024 bytes (server.max_body_bytes)" })
    expect(state.pulled).toBe(5)
    expect(state.cancelled).toBe(true)
  })

  test("a declared length over the limit is refused before anything is read", async () => {
    const { stream, state } = chunkedBody(1, 10)
    const error = await readLimitedBody(post(stream, { "content-length": "5000" }), 1024).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 413, message: "Request body of 5000 bytes exceeds ccproxy's limit of 1024 bytes (server.max_body_bytes)" })
    expect(state.pulled).toBe(0)
  })

  test("a body longer than it declared is still cut at the limit", async () => {
    const error = await readLimitedBody(post("x".repeat(2000), { "content-length": "10" }), 1024).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 413, message: "Request body exceeds ccproxy's limit of 1024 bytes (server.max_body_bytes)" })
  })

  test("no body is empty", async () => {
    expect((await readLimitedBody(new Request("http://localhost/"), 1024)).byteLength).toBe(0)
  })
})

describe("limitBody", () => {
  test("passes a body up to the limit through unchanged", async () => {
    const { stream } = chunkedBody(4, 256)
    expect((await new Response(limitBody(stream, 1024).stream).arrayBuffer()).byteLength).toBe(1024)
  })

  test("errors with the 413 once past the limit, whoever reads it, and reads no further until told to drop the rest", async () => {
    const { stream, state } = chunkedBody(1000, 256)
    const limited = limitBody(stream, 1024)
    const error = await new Response(limited.stream).text().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BodyTooLargeError)
    expect(state.pulled).toBe(5)
    await limited.discardRest()
    expect(state.pulled).toBe(1000)
  })

  test("discardRest drops a body nobody read, and leaves one a reader is still in the middle of", async () => {
    const unread = chunkedBody(10, 256)
    await limitBody(unread.stream, 1024).discardRest()
    expect(unread.state.pulled).toBe(10)
    const reading = chunkedBody(10, 256)
    const limited = limitBody(reading.stream, 100_000)
    await limited.stream.getReader().read()
    await limited.discardRest()
    expect(reading.state.pulled).toBe(1)
  })
})

test("discard reads an unread body to its end", async () => {
  const { stream, state } = chunkedBody(10, 256)
  await discard(stream)
  expect(state.pulled).toBe(10)
  await discard(null)
})

test("declaredLength: only a plain Content-Length without Transfer-Encoding counts", () => {
  const length = (headers: Record<string, string>) => declaredLength(new Request("http://localhost/", { method: "POST", headers }))
  expect(length({ "content-length": "42" })).toBe(42)
  expect(length({})).toBeUndefined()
  expect(length({ "content-length": "42", "transfer-encoding": "chunked" })).toBeUndefined()
  expect(length({ "content-length": "4e3" })).toBeUndefined()
})
