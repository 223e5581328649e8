import { expect, test } from "bun:test"
import { readJsonBody } from "~/providers/read-json-body"
import { BodyTooLargeError } from "~/server/limited-body"

test("on a real Bun server without its own cut, a chunked body past the limit is a 413 once the limit is passed, and one at the limit parses", async () => {
  const seen: unknown[] = []
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    maxRequestBodySize: Infinity,
    fetch: async (request) => {
      seen.push(await readJsonBody(request, 1024).catch((e: unknown) => e))
      return new Response("")
    },
  })
  try {
    // A stream of its own, not a Blob's: fetch would declare a Blob's length.
    const chunked = (text: string) => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(text)), c.close()) })
    await fetch(`http://127.0.0.1:${server.port}/`, { method: "POST", body: chunked(JSON.stringify({ pad: "x".repeat(100_000) })) })
    await fetch(`http://127.0.0.1:${server.port}/`, { method: "POST", body: chunked(JSON.stringify({ pad: "x".repeat(1024 - 10) })) })
    expect(seen[0]).toBeInstanceOf(BodyTooLargeError)
    expect(seen[0]).toMatchObject({ status: 413, message: "Request body exceeds ccproxy's limit of 1024 bytes (server.max_body_bytes)" })
    expect(seen[1]).toEqual({ pad: "x".repeat(1024 - 10) })
  } finally {
    server.stop(true)
  }
})

test("a declared length past the limit is refused before the body is read", async () => {
  const request = new Request("http://localhost/", { method: "POST", headers: { "content-length": "5000" }, body: "{}" })
  await expect(readJsonBody(request, 1024)).rejects.toMatchObject({ status: 413, message: "Request body of 5000 bytes exceeds ccproxy's limit of 1024 bytes (server.max_body_bytes)" })
  expect(request.bodyUsed).toBe(false)
})
