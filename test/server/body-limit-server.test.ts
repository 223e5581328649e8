import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { connect, type Socket } from "node:net"
import { startCliServer, stopAllCliProcesses, type CliServer } from "../helpers/cli"
import { startFakeServer, type FakeServer } from "../helpers/fake-server"

const LIMIT = 64 * 1024
const MB = 1024 * 1024
const MESSAGE = { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } }

let upstream: FakeServer
let server: CliServer

beforeAll(async () => {
  upstream = startFakeServer(() => Response.json(MESSAGE))
  server = await startCliServer([], {
    env: { CLAUDE_CODE_OAUTH_TOKEN: "sk-ant-oat01-body-limit-test", PLUGINS__CLAUDE_API__BASE_URL: upstream.url, SERVER__MAX_BODY_BYTES: String(LIMIT), ENABLED_PLUGINS: "claude_api,oauth_claude" },
  })
  for (let i = 0; i < 250 && (await fetch(`${server.url}/health/ready`)).status !== 200; i++) await Bun.sleep(20)
})

afterAll(async () => {
  await stopAllCliProcesses()
  await upstream.stop()
})

/** A Messages request whose JSON is exactly `size` bytes. */
function requestOfSize(size: number): string {
  const base = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 5, messages: [{ role: "user", content: "" }] })
  return base.replace('"content":""', `"content":"${"x".repeat(size - base.length)}"`)
}

/** `text` as a chunked upload (a Blob's stream would be sent with its length declared). */
function chunkedText(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({ start: (controller) => (controller.enqueue(bytes.subarray(0, 1000)), controller.enqueue(bytes.subarray(1000)), controller.close()) })
}

/** `total` bytes of JSON-ish filler made chunk by chunk as the upload asks, never held whole (no Content-Length: chunked). */
function chunkedUpload(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const filler = new Uint8Array(chunk).fill(120)
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close()
      const size = Math.min(chunk, total - sent)
      controller.enqueue(sent === 0 ? new TextEncoder().encode('{"pad":"') : filler.subarray(0, size))
      sent += size
    },
  })
}

const post = (path: string, body: RequestInit["body"]) => fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body })

const declaredMessage = (size: number) => `Request body of ${size} bytes exceeds ccproxy's limit of ${LIMIT} bytes (server.max_body_bytes)`
const chunkedMessage = `Request body exceeds ccproxy's limit of ${LIMIT} bytes (server.max_body_bytes)`

describe("a real server with server.max_body_bytes = 64 KiB", () => {
  test("a declared body over the limit: 413 in the Anthropic shape on /v1/messages, the OpenAI shape on /v1/chat/completions", async () => {
    const body = requestOfSize(LIMIT + 1)
    const anthropic = await post("/claude/v1/messages", body)
    expect(anthropic.status).toBe(413)
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "request_too_large", message: declaredMessage(LIMIT + 1) } })
    const openai = await post("/claude/v1/chat/completions", body)
    expect(openai.status).toBe(413)
    expect(await openai.json()).toEqual({ error: { message: declaredMessage(LIMIT + 1), type: "request_too_large", param: null, code: null } })
  })

  test("a chunked body over the limit: the same 413 in each route's shape", async () => {
    const anthropic = await post("/claude/v1/messages", chunkedUpload(LIMIT * 4))
    expect(anthropic.status).toBe(413)
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "request_too_large", message: chunkedMessage } })
    const openai = await post("/claude/v1/responses", chunkedUpload(LIMIT * 4))
    expect(openai.status).toBe(413)
    expect(await openai.json()).toEqual({ error: { message: chunkedMessage, type: "request_too_large", param: null, code: null } })
  })

  test("a body of exactly the limit goes upstream, declared or chunked; one byte more does not", async () => {
    const before = upstream.requests.length
    const body = requestOfSize(LIMIT)
    const declared = await post("/claude/v1/messages", body)
    expect(declared.status).toBe(200)
    expect(await declared.json()).toMatchObject({ type: "message", content: [{ type: "text", text: "ok" }] })
    const streamed = await post("/claude/v1/chat/completions", chunkedText(body))
    expect(streamed.status).toBe(200)
    expect(await streamed.json()).toMatchObject({ object: "chat.completion", choices: [{ message: { content: "ok" } }] })
    expect(upstream.requests.length).toBe(before + 2)
    const over = await post("/claude/v1/chat/completions", chunkedText(requestOfSize(LIMIT + 1)))
    expect(over.status).toBe(413)
    expect(((await over.json()) as { error: { message: string } }).error.message).toBe(chunkedMessage)
    expect(upstream.requests.length).toBe(before + 2)
  })

  test.skipIf(!existsSync("/proc/self/status"))("50 MB, declared or chunked, is refused while the server's memory stays far below the body's size", { timeout: 60_000 }, async () => {
    const pid = server.process.pid
    const memory = () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8")
      const kib = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1]) * 1024
      return { rss: kib("VmRSS"), peak: kib("VmHWM") }
    }
    // Reset the peak to the current RSS where the kernel allows it; otherwise start-up's peak stands.
    const resetPeak = () => {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5")
      } catch {}
    }
    await post("/claude/v1/messages", chunkedUpload(2 * MB))
    resetPeak()
    const before = memory()

    const chunked = await post("/claude/v1/messages", chunkedUpload(50 * MB))
    expect(chunked.status).toBe(413)
    expect(((await chunked.json()) as { error: { message: string } }).error.message).toBe(chunkedMessage)
    const declared = await post("/claude/v1/chat/completions", new Uint8Array(50 * MB).fill(120))
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { error: { message: string } }).error.message).toBe(declaredMessage(50 * MB))

    const after = memory()
    expect(after.peak - Math.max(before.rss, before.peak)).toBeLessThan(20 * MB)
    expect(after.rss - before.rss).toBeLessThan(20 * MB)
  })

  test("a refused client that keeps sending reads its 413, not a reset, and the connection then serves the next request", { timeout: 30_000 }, async () => {
    for (const framing of ["chunked", "declared"] as const) {
      const socket = await open(server.url)
      const refused = nextResponse(socket)
      expect(await sendOversized(socket, framing, "keep-alive")).toBe("all sent")
      const first = await refused
      expect(first.head).toStartWith("HTTP/1.1 413")
      expect(JSON.parse(first.body)).toMatchObject({ type: "error", error: { type: "request_too_large" } })
      const next = nextResponse(socket)
      socket.write("GET /health/live HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
      const second = await next
      expect(second.head).toStartWith("HTTP/1.1 200")
      expect(JSON.parse(second.body)).toMatchObject({ status: "pass" })
      socket.destroy()
    }
  })

  test("with Connection: close the body is read to its end before the 413, so the client is not reset while still sending", { timeout: 30_000 }, async () => {
    for (const framing of ["chunked", "declared"] as const) {
      const socket = await open(server.url)
      const refused = nextResponse(socket)
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()))
      expect(await sendOversized(socket, framing, "close")).toBe("all sent")
      const response = await refused
      expect(response.head).toStartWith("HTTP/1.1 413")
      expect(JSON.parse(response.body)).toMatchObject({ type: "error", error: { type: "request_too_large" } })
      await closed
    }
  })

  test("the server keeps answering afterwards", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
    expect((await post("/claude/v1/messages", requestOfSize(1000))).status).toBe(200)
  })
})

/** Sends an 8 MiB body, chunked or declared, the whole of it as a client that does not watch for an early answer does. */
async function sendOversized(socket: Socket, framing: "chunked" | "declared", connection: string): Promise<string> {
  const size = 8 * MB
  let failure = ""
  socket.on("error", (error) => (failure ||= error.message))
  socket.write(`POST /claude/v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: ${connection}\r\ncontent-type: application/json\r\n${framing === "chunked" ? "transfer-encoding: chunked" : `content-length: ${size}`}\r\n\r\n`)
  const piece = Buffer.alloc(64 * 1024, 120)
  for (let sent = 0; sent < size && !failure; sent += piece.length) {
    const flushed = socket.write(framing === "chunked" ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece)
    if (!flushed) await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve))
  }
  if (framing === "chunked" && !failure) socket.write("0\r\n\r\n")
  return failure || "all sent"
}

async function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.setMaxListeners(0)
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject))
  return socket
}

/** The next HTTP response on `socket` (Content-Length bodies only), or a rejection if the connection ends first. */
function nextResponse(socket: Socket): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0)
    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data])
      const end = buffered.indexOf("\r\n\r\n")
      if (end < 0) return
      const head = buffered.subarray(0, end).toString()
      const length = Number(head.match(/^content-length:\s*(\d+)/im)?.[1] ?? 0)
      if (buffered.length < end + 4 + length) return
      cleanup()
      resolve({ head, body: buffered.subarray(end + 4, end + 4 + length).toString() })
    }
    const onEnd = () => {
      cleanup()
      reject(new Error(`connection closed before a whole response; got ${JSON.stringify(buffered.toString().slice(0, 200))}`))
    }
    const cleanup = () => socket.off("data", onData).off("close", onEnd).off("error", onEnd)
    socket.on("data", onData).on("close", onEnd).on("error", onEnd)
  })
}
