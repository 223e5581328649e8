import { afterAll, expect, test } from "bun:test"
import { startCliServer, stopAllCliProcesses } from "../helpers/cli"
import { startFakeServer } from "../helpers/fake-server"
import { makePluginDir } from "../helpers/plugin-dir"

afterAll(stopAllCliProcesses)

const SLOW_PLUGIN = `import { defineSystemPlugin } from "ccproxy/plugin"
export const factory = defineSystemPlugin({
  name: "slow",
  version: "1.0.0",
  routes: [{ prefix: "/slow", build: (app) => app
    .get("/", async () => { await Bun.sleep(700); return { done: true } })
    .get("/stream", () => new Response(new ReadableStream({
      async start(controller) {
        for (let i = 0; i < 5; i++) { controller.enqueue(new TextEncoder().encode("data: " + i + "\\n\\n")); await Bun.sleep(120) }
        controller.close()
      },
    }), { headers: { "content-type": "text/event-stream" } })) }],
})
`

test("SIGTERM while a slow response and a stream are in flight lets both complete, then exits 0", async () => {
  const dir = makePluginDir({ slow: SLOW_PLUGIN })
  const server = await startCliServer(["--plugin-dir", dir])
  for (let i = 0; i < 100 && (await fetch(`${server.url}/health/ready`)).status !== 200; i++) await Bun.sleep(20)
  const slow = fetch(`${server.url}/slow`).then((response) => response.json())
  const stream = fetch(`${server.url}/slow/stream`).then((response) => response.text())
  await Bun.sleep(150)
  server.process.kill("SIGTERM")
  expect(await slow).toEqual({ done: true })
  expect(await stream).toBe([0, 1, 2, 3, 4].map((i) => `data: ${i}\n\n`).join(""))
  expect(await server.exited).toBe(0)
  expect(server.stderrText()).toContain("stopped")
  await expect(fetch(`${server.url}/health`)).rejects.toThrow()
})

test("a stream still open when shutdown_timeout runs out ends with an error event saying so, then the process exits 0", async () => {
  const encoder = new TextEncoder()
  const stalled = startFakeServer(() => new Response(new ReadableStream({
    start(c) {
      c.enqueue(encoder.encode('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'))
    },
  }), { headers: { "content-type": "text/event-stream" } }))
  const server = await startCliServer([], {
    env: { CLAUDE_CODE_OAUTH_TOKEN: "sk-ant-oat01-shutdown-test", PLUGINS__CLAUDE_API__BASE_URL: stalled.url, SERVER__SHUTDOWN_TIMEOUT: "0.5", ENABLED_PLUGINS: "claude_api,oauth_claude" },
  })
  try {
    for (let i = 0; i < 100 && (await fetch(`${server.url}/health/ready`)).status !== 200; i++) await Bun.sleep(20)
    const request = (path: string, body: object) => fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "claude-sonnet-4-5", stream: true, max_tokens: 5, ...body }) })
    const anthropic = await request("/claude/v1/messages", { messages: [{ role: "user", content: "hi" }] })
    const chat = await request("/claude/v1/chat/completions", { messages: [{ role: "user", content: "hi" }] })
    server.process.kill("SIGTERM")
    const [anthropicText, chatText] = await Promise.all([anthropic.text(), chat.text()])
    expect(anthropicText).toContain('event: error\ndata: {"type":"error","error":{"type":"api_error","message":"ccproxy is shutting down (server.shutdown_timeout of 0.5s reached)"}}')
    expect(chatText).toContain('"message":"ccproxy is shutting down (server.shutdown_timeout of 0.5s reached)"')
    expect(chatText).toContain("data: [DONE]")
    expect(await server.exited).toBe(0)
    expect(server.stderrText()).toContain("ending 2 open stream(s)")
    expect(server.stderrText()).not.toContain("client disconnected")
  } finally {
    await stalled.stop()
  }
})

test("the --auth-token flag reaches the running server", async () => {
  const server = await startCliServer(["--auth-token", "flag-token-abcdef"])
  expect((await fetch(`${server.url}/plugins`)).status).toBe(401)
  expect((await fetch(`${server.url}/plugins`, { headers: { "x-api-key": "flag-token-abcdef" } })).status).toBe(200)
  expect((await fetch(`${server.url}/health`)).status).toBe(200)
  expect(await server.stop()).toBe(0)
})

test("--log-format json gives one JSON object per line; tokens never appear in logs", async () => {
  const server = await startCliServer(["--log-format", "json", "--auth-token", "flag-token-abcdef", "--log-level", "DEBUG"])
  await fetch(`${server.url}/plugins`, { headers: { authorization: "Bearer flag-token-abcdef" } })
  await server.stop()
  const lines = server.stderrText().trim().split("\n")
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  expect(server.stderrText() + server.stdoutText()).not.toContain("flag-token-abcdef")
})

test("binding a non-loopback address without a token warns loudly", async () => {
  const server = await startCliServer(["--host", "0.0.0.0"])
  await server.stop()
  expect(server.stderrText()).toContain("WITHOUT an auth token")
})

test("on a wildcard address the client hints name a URL clients can connect to, not 0.0.0.0", async () => {
  const server = await startCliServer(["--host", "0.0.0.0", "--auth-token", "hint-token-abcdef"])
  await server.stop()
  const port = new URL(server.url).port
  expect(server.stderrText()).toContain(`listening on http://0.0.0.0:${port}`)
  expect(server.stderrText()).toContain(`ANTHROPIC_BASE_URL=http://127.0.0.1:${port}/claude`)
  expect(server.stderrText()).not.toContain("ANTHROPIC_BASE_URL=http://0.0.0.0")
})
