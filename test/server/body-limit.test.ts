import { describe, expect, test } from "bun:test"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { readJsonBody } from "~/providers/read-json-body"
import { createTestApp } from "../helpers/test-server"

const LIMIT = 2048

/** Routes of both shapes reading bodies both ways: Elysia's parser and readJsonBody. */
const echo = defineSystemPlugin({
  name: "echo",
  version: "1.0.0",
  routes: [
    {
      prefix: "/echo",
      build: (app) =>
        app
          .post("/v1/messages", ({ body }) => ({ got: body }))
          .post("/v1/chat/completions", ({ body }) => ({ got: body }))
          .post("/read/v1/messages", async ({ request }) => ({ got: await readJsonBody(request, LIMIT) }), { parse: "none" })
          .post("/read/v1/chat/completions", async ({ request }) => ({ got: await readJsonBody(request, LIMIT) }), { parse: "none" })
          .post("/read/v1/responses", async ({ request }) => ({ got: await readJsonBody(request, LIMIT) }), { parse: "none" })
          // As the copilot routes do: a look at a copy first, then the real read.
          .post("/peek/v1/messages", async ({ request }) => ({ peeked: await request.clone().json().catch(() => undefined), got: await readJsonBody(request, LIMIT) }), { parse: "none" }),
    },
  ],
})

/** A JSON body of exactly `size` bytes. */
const jsonOf = (size: number) => JSON.stringify({ pad: "x".repeat(size - 10) })
/** The same bytes without a declared length, as a chunked upload sends them. */
const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(text)
      for (let at = 0; at < bytes.length; at += 500) controller.enqueue(bytes.slice(at, at + 500))
      controller.close()
    },
  })
const post = (body: RequestInit["body"], headers: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body })

const anthropic413 = (message: string) => ({ type: "error", error: { type: "request_too_large", message } })
const openai413 = (message: string) => ({ error: { message, type: "request_too_large", param: null, code: null } })
const declaredMessage = `Request body of 5000 bytes exceeds ccproxy's limit of ${LIMIT} bytes (server.max_body_bytes)`
const chunkedMessage = `Request body exceeds ccproxy's limit of ${LIMIT} bytes (server.max_body_bytes)`

const app = await createTestApp({ plugins: [echo], settings: { "server.max_body_bytes": LIMIT } })

describe("server.max_body_bytes", () => {
  test("a declared length over the limit is a 413 in the Anthropic shape on an Anthropic route", async () => {
    for (const path of ["/echo/v1/messages", "/echo/read/v1/messages"]) {
      const response = await app.request(path, post(jsonOf(5000), { "content-length": "5000" }))
      expect(response.status).toBe(413)
      expect(response.headers.get("content-type")).toBe("application/json")
      expect(response.headers.get("x-request-id")).toBeTruthy()
      expect(await response.json()).toEqual(anthropic413(declaredMessage))
    }
  })

  test("a declared length over the limit is a 413 in the OpenAI shape on OpenAI routes", async () => {
    for (const path of ["/echo/v1/chat/completions", "/echo/read/v1/chat/completions", "/echo/read/v1/responses"]) {
      const response = await app.request(path, post(jsonOf(5000), { "content-length": "5000" }))
      expect(response.status).toBe(413)
      expect(await response.json()).toEqual(openai413(declaredMessage))
    }
  })

  test("a chunked body over the limit is the same 413, whether Elysia's parser, readJsonBody or a copy reads it", async () => {
    for (const path of ["/echo/v1/messages", "/echo/read/v1/messages", "/echo/peek/v1/messages"]) {
      const response = await app.request(path, post(chunked(jsonOf(5000))))
      expect(response.status).toBe(413)
      expect(await response.json()).toEqual(anthropic413(chunkedMessage))
    }
    for (const path of ["/echo/v1/chat/completions", "/echo/read/v1/chat/completions"]) {
      const response = await app.request(path, post(chunked(jsonOf(5000))))
      expect(response.status).toBe(413)
      expect(await response.json()).toEqual(openai413(chunkedMessage))
    }
  })

  test("a body of exactly the limit is accepted, declared or chunked; one byte more is not", async () => {
    for (const path of ["/echo/v1/messages", "/echo/read/v1/chat/completions", "/echo/peek/v1/messages"]) {
      const declared = await app.request(path, post(jsonOf(LIMIT), { "content-length": String(LIMIT) }))
      expect(declared.status).toBe(200)
      expect(((await declared.json()) as { got: { pad: string } }).got.pad).toHaveLength(LIMIT - 10)
      expect((await app.request(path, post(chunked(jsonOf(LIMIT))))).status).toBe(200)
      expect((await app.request(path, post(chunked(jsonOf(LIMIT + 1))))).status).toBe(413)
    }
  })

  test("requests without a body are untouched", async () => {
    expect((await app.request("/health")).status).toBe(200)
    expect((await app.request("/echo/read/v1/messages", { method: "POST" })).status).toBe(400)
  })
})
