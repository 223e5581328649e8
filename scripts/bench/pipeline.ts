/**
 * In-process cost of one request through the whole app (`createApp().handle`: middleware,
 * router, provider route, hooks), without sockets: `fetch` is stubbed with canned answers,
 * recorded from the fake upstream at the first call of each kind. Prints µs per request
 * (median of 7 repeats) to stderr; access_log writes to stdout, so send that to /dev/null.
 *
 *   bun scripts/bench/upstream.ts --port 18001 &
 *   eval "$(bun scripts/bench/proxy-home.ts /tmp/h default 18002 http://127.0.0.1:18001)"
 *   bun scripts/bench/pipeline.ts [cj cs chj chs rs ms] >/dev/null
 *
 * cj/cs: Claude messages JSON/stream, chj/chs: Claude chat JSON/stream, rs: codex responses
 * stream, ms: codex messages stream (10 KB burst streams, 1.4 KB JSON).
 */
import { loadValidConfig } from "~/config/load"
import { configureLogging } from "~/core/log"
import { loadPluginSystem } from "~/core/plugins/system"
import { createApp } from "~/server/app"
configureLogging({ level: "CRITICAL", format: "json", write: () => {} })
const realFetch = globalThis.fetch
const canned = new Map<string, { body: Uint8Array; headers: [string, string][] }>()
const keyOf = (url: string, body: string) => { const j = JSON.parse(body); return `${new URL(url).pathname} ${j.model} ${j.stream === true}` }
;(globalThis as any).fetch = async (url: string, init: RequestInit) => {
  const key = keyOf(url, init.body as string)
  let c = canned.get(key)
  if (!c) { const r = await realFetch(url, init); c = { body: new Uint8Array(await r.arrayBuffer()), headers: [...r.headers].filter(([k]) => k !== "content-length") }; canned.set(key, c) }
  return new Response(c.body, { status: 200, headers: c.headers })
}
const scenarios: Record<string, [string, string]> = {
  cj: ["/claude/v1/messages", JSON.stringify({ model: "bench-1.4-burst", max_tokens: 1024, messages: [{ role: "user", content: "Say hello in one short sentence." }], stream: false })],
  cs: ["/claude/v1/messages", JSON.stringify({ model: "bench-10-burst", max_tokens: 1024, messages: [{ role: "user", content: "Say hello in one short sentence." }], stream: true })],
  chj: ["/claude/v1/chat/completions", JSON.stringify({ model: "bench-1.4-burst", messages: [{ role: "user", content: "Say hello in one short sentence." }], stream: false })],
  chs: ["/claude/v1/chat/completions", JSON.stringify({ model: "bench-10-burst", messages: [{ role: "user", content: "Say hello in one short sentence." }], stream: true })],
  rs: ["/codex/v1/responses", JSON.stringify({ model: "bench-10-burst", input: "Say hello in one short sentence.", stream: true })],
  ms: ["/codex/v1/messages", JSON.stringify({ model: "bench-10-burst", max_tokens: 1024, messages: [{ role: "user", content: "Say hello in one short sentence." }], stream: true })],
}
const loaded = loadValidConfig({ env: process.env as any })
const system = await loadPluginSystem(loaded, "0.0.0")
const app = createApp(system)
await system.registry.initializeAll()
const N = Number(process.env.N ?? 3000)
const pick = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(scenarios)
const one = async (path: string, body: string) => {
  const r = await app.handle(new Request(`http://127.0.0.1:18002${path}`, { method: "POST", headers: { "content-type": "application/json", host: "127.0.0.1:18002", "user-agent": "wrk" }, body }), "127.0.0.1")
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`)
  await r.arrayBuffer()
}
for (const name of pick) {
  const [path, body] = scenarios[name]
  for (let i = 0; i < 500; i++) await one(path, body)
  const res: number[] = []
  for (let rep = 0; rep < 7; rep++) {
    const t = performance.now()
    for (let i = 0; i < N; i++) await one(path, body)
    await new Promise((r) => setImmediate(r))
    res.push(((performance.now() - t) / N) * 1000)
  }
  res.sort((a, b) => a - b)
  console.error(`${name.padEnd(4)} ${res[3].toFixed(1)} µs/request (min ${res[0].toFixed(1)} max ${res[6].toFixed(1)})`)
}
await system.registry.shutdownAll()
process.exit(0)
