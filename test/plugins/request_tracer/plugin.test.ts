import { afterEach, expect, test } from "bun:test"
import { requestFileStem } from "~/core/background-file-writer"
import { chmodSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { defineSystemPlugin } from "~/core/plugins/factory"
import { factory } from "../../../plugins/request_tracer/plugin"
import { sseResponse } from "../../helpers/fake-server"
import { anthropicReply, eventually, expectNoSecrets, readTree, SECRETS, startProxy } from "../../helpers/proxy-harness"

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

/** Stands in for any route that reads its body, like an OAuth token endpoint would. */
const echo = defineSystemPlugin({
  name: "echo",
  version: "1",
  routes: [{ prefix: "/oauth", build: (app) => app.post("/*", async ({ request }) => ({ length: (await request.text()).length }), { parse: "none" }) }],
})

async function tracedProxy(settings: Record<string, unknown> = {}, upstream: (request: Request) => Response | Promise<Response> = () => anthropicReply()) {
  const dir = mkdtempSync(join(tmpdir(), "tracer-"))
  const proxy = await startProxy({ upstream, plugins: [factory, echo], settings: { "plugins.request_tracer.enabled": true, "plugins.request_tracer.log_dir": dir, ...settings } })
  stops.push(proxy.stop)
  return { ...proxy, dir }
}

const KINDS = ["client_request", "client_response", "provider_request", "provider_response"]
const messages = (extra: Record<string, unknown> = {}) => ({ model: "short", max_tokens: 50, messages: [{ role: "user", content: "hi" }], ...extra })
const readJson = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"))

test("a provider request leaves JSON and raw HTTP files for all four messages, 0600, redacted", async () => {
  const { post, dir, fake } = await tracedProxy()
  const response = await post("/fake/v1/messages", messages(), { "x-request-id": "req-1", cookie: "session=cookie-value-123456" })
  expect(response.status).toBe(200)
  await response.text()
  const names = KINDS.flatMap((kind) => [`${requestFileStem("req-1")}_${kind}.json`, `${requestFileStem("req-1")}_${kind}.http`])
  const files = await eventually(() => {
    const tree = readTree(dir)
    for (const name of names) if (!tree.get(join(dir, name))) throw new Error(`no ${name}`)
    for (const name of names.filter((name) => name.endsWith(".json"))) readJson(dir, name)
    return tree
  })
  for (const path of files.keys()) expect(statSync(path).mode & 0o777).toBe(0o600)
  expectNoSecrets(files, ["cookie-value-123456"])

  const clientRequest = readJson(dir, `${requestFileStem("req-1")}_client_request.json`)
  expect(clientRequest).toMatchObject({ kind: "client_request", method: "POST", body: messages() })
  expect(clientRequest.headers).toMatchObject({ authorization: "Bearer [redacted]", "x-api-key": "[redacted]", cookie: "[redacted]" })
  const providerRequest = readJson(dir, `${requestFileStem("req-1")}_provider_request.json`)
  expect(providerRequest.body).toEqual(JSON.parse(await fake.requests[0]!.text()))
  expect(providerRequest.body.model).toBe("long-model-name")
  expect(providerRequest.headers.authorization).toBe("Bearer [redacted]")
  expect(readJson(dir, `${requestFileStem("req-1")}_client_response.json`)).toMatchObject({ status: 200, body: { content: [{ text: "hello" }] }, metadata: { tokens_input: 7, tokens_output: 3 } })
  expect(readJson(dir, `${requestFileStem("req-1")}_provider_response.json`)).toMatchObject({ status: 200, body: { id: "msg_1" }, tokens_input: 7 })
  expect(readFileSync(join(dir, `${requestFileStem("req-1")}_client_request.http`), "utf8")).toStartWith("POST /fake/v1/messages HTTP/1.1\r\n")
  expect(readFileSync(join(dir, `${requestFileStem("req-1")}_provider_response.http`), "utf8")).toStartWith("HTTP/1.1 200 OK\r\n")
})

test("tokens in OAuth-shaped bodies (form and JSON) and URLs are redacted", async () => {
  const { url, clientHeaders, dir } = await tracedProxy()
  const form = "grant_type=authorization_code&code=one-time-code-ABCDEF&code_verifier=verifier-GHIJKL&redirect_uri=http%3A%2F%2Flocalhost"
  await fetch(`${url}/oauth/token?access_token=query-token-MNOPQR`, { method: "POST", body: form, headers: { ...clientHeaders, "content-type": "application/x-www-form-urlencoded", "x-request-id": "oauth-1" } })
  const json = { grant_type: "refresh_token", refresh_token: "refresh-STUVWX", nested: { access_token: "access-YZ1234" }, note: `Bearer ${"bearer-in-text-567890"}` }
  await fetch(`${url}/oauth/json`, { method: "POST", body: JSON.stringify(json), headers: { ...clientHeaders, "x-request-id": "oauth-2" } })
  const files = await eventually(() => {
    const tree = readTree(dir)
    readJson(dir, `${requestFileStem("oauth-2")}_client_request.json`)
    if (!tree.get(join(dir, `${requestFileStem("oauth-1")}_client_request.http`))?.includes("grant_type")) throw new Error("not yet")
    return tree
  })
  expectNoSecrets(files, ["one-time-code-ABCDEF", "verifier-GHIJKL", "query-token-MNOPQR", "refresh-STUVWX", "access-YZ1234", "bearer-in-text-567890"])
  expect(readJson(dir, `${requestFileStem("oauth-2")}_client_request.json`).body).toMatchObject({ grant_type: "refresh_token", refresh_token: "[redacted]", nested: { access_token: "[redacted]" } })
  expect(files.get(join(dir, `${requestFileStem("oauth-1")}_client_request.http`))).toContain("grant_type=authorization_code&code=%5Bredacted%5D&code_verifier=%5Bredacted%5D")
  expect(readJson(dir, `${requestFileStem("oauth-1")}_client_response.json`).body).toEqual({ length: form.length })
})

test("a route that never reads its body leaves a trace that says so", async () => {
  const { post, dir } = await tracedProxy()
  expect((await post("/nowhere", { hello: "world" }, { "x-request-id": "lost-1" })).status).toBe(404)
  const trace = await eventually(() => readJson(dir, `${requestFileStem("lost-1")}_client_request.json`))
  expect(trace.note).toContain("did not read the whole body")
  expect(await eventually(() => readJson(dir, `${requestFileStem("lost-1")}_client_response.json`))).toMatchObject({ status: 404 })
})

test("upstream errors and cut bodies: error text kept, bodies beyond max_body_size cut and marked", async () => {
  const { post, dir } = await tracedProxy({ "plugins.request_tracer.max_body_size": 40 }, () => Response.json({ type: "error", error: { type: "overloaded_error", message: "try later" } }, { status: 529 }))
  const response = await post("/fake/v1/messages", messages(), { "x-request-id": "cut-1" })
  expect(response.status).toBe(529)
  const providerResponse = await eventually(() => readJson(dir, `${requestFileStem("cut-1")}_provider_response.json`))
  expect(providerResponse).toMatchObject({ status: 529, body_truncated: true })
  expect(providerResponse.body).toHaveLength(40)
  const clientRequest = await eventually(() => readJson(dir, `${requestFileStem("cut-1")}_client_request.json`))
  expect(clientRequest).toMatchObject({ body_truncated: true, body_bytes: JSON.stringify(messages()).length })
  expect(readFileSync(join(dir, `${requestFileStem("cut-1")}_client_request.http`), "utf8")).toContain("[ccproxy: body cut;")
})

test("include_paths and exclude_paths decide what is traced", async () => {
  const { post, url, dir } = await tracedProxy({ "plugins.request_tracer.include_paths": ["/fake/v1/messages"], "plugins.request_tracer.exclude_paths": ["/fake/v1/messages/skip"] })
  await (await post("/fake/v1/chat/completions", { model: "m", messages: [{ role: "user", content: "x" }] }, { "x-request-id": "chat-1" })).text()
  await (await fetch(`${url}/health`, { headers: { "x-request-id": "health-1" } })).text()
  await (await post("/fake/v1/messages/skip", {}, { "x-request-id": "skip-1" })).text()
  await (await post("/fake/v1/messages", messages(), { "x-request-id": "in-1" })).text()
  await eventually(() => readJson(dir, `${requestFileStem("in-1")}_provider_response.json`))
  await Bun.sleep(50)
  const names = [...readTree(dir).keys()].map((path) => path.slice(dir.length + 1))
  expect(names.every((name) => name.startsWith(`${requestFileStem("in-1")}_`))).toBe(true)
})

test("streams pass through chunk by chunk; with log_streaming_chunks the streamed body is kept", async () => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const encoder = new TextEncoder()
  const upstream = () =>
    new Response(
      new ReadableStream({
        async start(controller) {
          controller.enqueue(encoder.encode(`event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"long-model-name","content":[],"usage":{"input_tokens":5,"output_tokens":0}}}\n\n`))
          await gate
          controller.enqueue(encoder.encode(`event: message_stop\ndata: {"type":"message_stop"}\n\n`))
          controller.close()
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    )
  const { post, dir } = await tracedProxy({ "plugins.request_tracer.log_streaming_chunks": true }, upstream)
  const response = await post("/fake/v1/messages", messages({ stream: true }), { "x-request-id": "sse-1" })
  const reader = response.body!.getReader()
  const first = new TextDecoder().decode((await reader.read()).value)
  expect(first).toContain("message_start")
  release()
  let rest = ""
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    rest += new TextDecoder().decode(value)
  }
  expect(rest).toContain("message_stop")
  const clientResponse = await eventually(() => readFileSync(join(dir, `${requestFileStem("sse-1")}_client_response.http`), "utf8"))
  expect(clientResponse).toContain("event: message_start")
  expect(clientResponse).toContain("event: message_stop")
  expect(await eventually(() => readJson(dir, `${requestFileStem("sse-1")}_provider_response.json`))).toMatchObject({ status: 200, ok: true, total_chunks: expect.any(Number) })
})

test("without log_streaming_chunks a stream's trace has its headers and size but no body", async () => {
  const { post, dir } = await tracedProxy({}, () => sseResponse([`event: message_stop\ndata: {"type":"message_stop"}\n\n`]))
  await (await post("/fake/v1/messages", messages({ stream: true }), { "x-request-id": "sse-2" })).text()
  const trace = await eventually(() => readJson(dir, `${requestFileStem("sse-2")}_client_response.json`))
  expect(trace).toMatchObject({ status: 200, note: expect.stringContaining("log_streaming_chunks"), body_bytes: expect.any(Number) })
  expect(trace.body).toBeUndefined()
})

test("a FIFO or symlink planted at a trace's name is replaced, never opened or written through; the request is not held up", async () => {
  const { post, dir } = await tracedProxy()
  const victim = join(mkdtempSync(join(tmpdir(), "victim-")), "victim.txt")
  writeFileSync(victim, "untouched")
  // A FIFO without a reader would block an open for writing until someone reads.
  Bun.spawnSync(["mkfifo", join(dir, `${requestFileStem("slow-1")}_client_request.json`)])
  symlinkSync(victim, join(dir, `${requestFileStem("slow-1")}_provider_request.json`))
  const started = Date.now()
  const response = await post("/fake/v1/messages", messages(), { "x-request-id": "slow-1" })
  expect(await response.json()).toMatchObject({ id: "msg_1" })
  expect(Date.now() - started).toBeLessThan(1000)
  await eventually(() => readJson(dir, `${requestFileStem("slow-1")}_provider_response.json`))
  for (const kind of ["client_request", "provider_request"]) {
    const path = join(dir, `${requestFileStem("slow-1")}_${kind}.json`)
    expect(lstatSync(path).isFile()).toBe(true)
    expect(readJson(dir, `${requestFileStem("slow-1")}_${kind}.json`).kind).toBe(kind)
  }
  expect(readFileSync(victim, "utf8")).toBe("untouched")
})

test("file names carry a server-made suffix after the sanitised request id", () => {
  expect(requestFileStem("req-1")).toMatch(/^req-1_[0-9a-f]{12}$/)
  expect(requestFileStem("req-1")).toBe(requestFileStem("req-1"))
  expect(requestFileStem("req-2")).not.toBe(requestFileStem("req-1").replace("req-1", "req-2"))
  expect(requestFileStem("../../etc/passwd")).toMatch(/^_[\w.-]*_[0-9a-f]{12}$/)
  expect(requestFileStem("../../etc/passwd")).not.toContain("/")
  expect(requestFileStem("x".repeat(500)).length).toBe(64 + 13)
})

test("a trace directory writable by others, or a symlink, is refused: nothing is written there", async () => {
  const shared = mkdtempSync(join(tmpdir(), "tracer-shared-"))
  chmodSync(shared, 0o777)
  const real = mkdtempSync(join(tmpdir(), "tracer-real-"))
  const link = join(mkdtempSync(join(tmpdir(), "tracer-link-")), "traces")
  symlinkSync(real, link)
  for (const dir of [shared, link]) {
    const proxy = await startProxy({ upstream: () => anthropicReply(), plugins: [factory], settings: { "plugins.request_tracer.enabled": true, "plugins.request_tracer.log_dir": dir } })
    stops.push(proxy.stop)
    const response = await proxy.post("/fake/v1/messages", messages(), { "x-request-id": "unsafe-1" })
    expect(response.status).toBe(200)
    await response.text()
    let details: any
    for (let tries = 0; tries < 500 && !(details?.failed >= 8); tries++) {
      await Bun.sleep(20)
      details = ((await (await fetch(`${proxy.url}/plugins/request_tracer/health`, { headers: proxy.clientHeaders })).json()) as any).details
    }
    // The health polls are traced too, so more than the request's eight files may have failed.
    expect(details.written).toBe(0)
    expect(details.failed).toBeGreaterThanOrEqual(8)
  }
  expect(readTree(shared).size).toBe(0)
  expect(readTree(real).size).toBe(0)
})

test("files go under $XDG_CACHE_HOME/ccproxy/traces by default", async () => {
  const { traceDirs } = await import("../../../plugins/request_tracer/config")
  const dirs = traceDirs({ log_dir: "", request_log_dir: "", raw_log_dir: "/raw" } as never, { XDG_CACHE_HOME: "/cache" })
  expect(dirs).toEqual({ json: "/cache/ccproxy/traces", raw: "/raw" })
  void SECRETS
})

test("the upstream credential is scrubbed from every later file of the request, even when upstream echoes it", async () => {
  const echo = async (request: Request) => anthropicReply({ content: [{ type: "text", text: `you sent ${request.headers.get("authorization")!.replace(/^Bearer /, "")}` }] })
  const { post, dir } = await tracedProxy({}, echo)
  const response = await post("/fake/v1/messages", messages(), { "x-request-id": "echo-1" })
  expect(await response.text()).toContain(SECRETS.upstreamToken)
  const files = await eventually(() => {
    const tree = readTree(dir)
    for (const kind of KINDS) if (!tree.get(join(dir, `${requestFileStem("echo-1")}_${kind}.json`))) throw new Error(`no ${kind}`)
    return tree
  })
  expectNoSecrets(files)
  expect(readJson(dir, `${requestFileStem("echo-1")}_provider_response.json`).body.content[0].text).toBe("you sent [redacted]")
})

test("tool schemas keep their objects under secret-looking names; Copilot tokens and short known secrets are scrubbed", async () => {
  const { redactJson, scrubSecrets } = await import("~/core/redact-payload")
  const { redactText } = await import("~/core/redact")
  const schema = { properties: { password: { type: "string" }, token: { type: "string", minLength: 8 } }, password: "hunter2-secret" }
  expect(redactJson(schema)).toEqual({ properties: { password: { type: "string" }, token: { type: "string", minLength: 8 } }, password: "[redacted]" })
  expect(redactText("copilot said tid=0123abcd;exp=1767225600;sku=copilot_for_individuals;8kp=1:deadbeef00 ok")).toBe("copilot said [redacted] ok")
  expect(scrubSecrets("key=k3y and more", ["k3y"])).toBe("key=[redacted] and more")
})
