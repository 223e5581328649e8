import { afterEach, describe, expect, test } from "bun:test"
import { HookEvent } from "~/core/plugins/hook-events"
import { factory } from "../../../plugins/analytics/plugin"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"
import { eventually, tempDatabasePath } from "./helpers"

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function start() {
  const app = await createTestApp({ plugins: [factory], settings: { "plugins.analytics.database_path": tempDatabasePath(), "plugins.analytics.stream_keepalive": 1 } })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  cleanups.push(() => server.stop(true), () => app.system.registry.shutdownAll())
  return { app, url: `http://127.0.0.1:${server.port}` }
}

const streamClients = async (app: InProcessApp) => ((await (await app.request("/plugins/analytics/health")).json()) as any).details.stream_clients as number

/** Accumulates a body's text; `until(text)` reads on until it has appeared. */
function textReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let seen = ""
  return {
    reader,
    async until(text: string): Promise<string> {
      while (!seen.includes(text)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before "${text}"; got ${seen}`)
        seen += decoder.decode(value, { stream: true })
      }
      return seen
    },
  }
}

/** The data of every `request` event in SSE text. */
const requestEvents = (text: string) =>
  text
    .split("\n\n")
    .filter((block) => block.startsWith("event: request\n"))
    .map((block) => JSON.parse(block.split("\n").find((line) => line.startsWith("data: "))!.slice(6)))

const completed = (app: InProcessApp, provider: string, requestId: string) =>
  app.system.core.hooks.emit(HookEvent.REQUEST_COMPLETED, { path: `/${provider}/v1/messages`, provider, model: "m", response_status: 200, duration: 12, tokens_input: 3 }, { requestId })

describe("GET /logs/stream", () => {
  test("delivers recorded requests matching its filter as JSON events, with keep-alive comments", async () => {
    const { app, url } = await start()
    const controller = new AbortController()
    const response = await fetch(`${url}/logs/stream?provider=codex`, { signal: controller.signal })
    expect(response.headers.get("content-type")).toContain("text/event-stream")
    const stream = textReader(response.body!)
    await stream.until(": connected")
    completed(app, "claude_api", "not-for-me")
    completed(app, "codex", "for-me")
    await stream.until('"for-me"')
    const text = await stream.until(": keep-alive")
    expect(requestEvents(text)).toEqual([expect.objectContaining({ request_id: "for-me", provider: "codex", model: "m", status_code: 200, duration_ms: 12, tokens_input: 3 })])
    expect(text).not.toContain("not-for-me")
    controller.abort()
  })

  test("a client that disconnects is forgotten, its keep-alive timer with it", async () => {
    const { app, url } = await start()
    const controllers = [new AbortController(), new AbortController()]
    for (const controller of controllers) {
      const response = await fetch(`${url}/logs/stream`, { signal: controller.signal })
      await textReader(response.body!).until(": connected")
    }
    expect(await streamClients(app)).toBe(2)
    controllers[0]!.abort()
    await eventually(async () => ((await streamClients(app)) === 1 ? true : undefined))
    controllers[1]!.abort()
    await eventually(async () => ((await streamClients(app)) === 0 ? true : undefined))
    completed(app, "codex", "after-everyone-left")
  })

  test("in process: cancelling the body unsubscribes; shutdown ends open streams", async () => {
    const { app } = await start()
    const first = await app.request("/logs/stream")
    const firstStream = textReader(first.body!)
    await firstStream.until(": connected")
    const second = textReader((await app.request("/logs/stream")).body!)
    await second.until(": connected")
    expect(await streamClients(app)).toBe(2)
    await second.reader.cancel()
    await eventually(async () => ((await streamClients(app)) === 1 ? true : undefined))
    await app.system.registry.shutdownAll()
    expect(await firstStream.reader.read()).toEqual({ done: true, value: undefined })
    cleanups.pop()
  })
})
