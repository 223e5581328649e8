import { expect, test } from "bun:test"
import { InvalidRequestError } from "~/core/errors"
import { readJsonBody } from "~/providers/read-json-body"

test("Bun cutting a chunked body at maxRequestBodySize is a 413 client error, not a 500", async () => {
  const cut = { headers: new Headers(), arrayBuffer: () => Promise.reject(new Error("Request body exceeded maxRequestBodySize")) } as unknown as Request
  const error = await readJsonBody(cut, 1024).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InvalidRequestError)
  expect((error as InvalidRequestError).status).toBe(413)
  expect((error as Error).message).toBe("Request body exceeds the limit of 1024 bytes (server.max_body_bytes)")
})

test("on a real Bun server, a chunked body past maxRequestBodySize reaches readJsonBody as that 413", async () => {
  let seen: unknown
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    maxRequestBodySize: 2048,
    fetch: async (request) => {
      seen = await readJsonBody(request, 1024).catch((e: unknown) => e)
      return new Response("")
    },
  })
  try {
    const body = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(10_000) }))), c.close()) })
    const response = await fetch(`http://127.0.0.1:${server.port}/`, { method: "POST", body })
    expect(response.status).toBe(413)
    for (let i = 0; i < 50 && seen === undefined; i++) await Bun.sleep(10)
    expect((seen as InvalidRequestError).status).toBe(413)
  } finally {
    server.stop(true)
  }
})
