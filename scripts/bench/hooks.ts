/**
 * µs per `request.completed` for each hook the configured plugins register (the default
 * observability plugins: metrics, analytics, access_log), called directly with a realistic
 * event, no sockets. Use it with the environment of `proxy-home.ts` so the plugins write
 * into a temp dir:
 *
 *   eval "$(bun scripts/bench/proxy-home.ts /tmp/h default 18002 http://127.0.0.1:9)"
 *   bun scripts/bench/hooks.ts
 */
import { loadValidConfig } from "~/config/load"
import { configureLogging } from "~/core/log"
import type { RegisteredHook } from "~/core/plugins/hooks"
import { loadPluginSystem } from "~/core/plugins/system"

configureLogging({ level: "CRITICAL", format: "json", write: () => {} })
const system = await loadPluginSystem(loadValidConfig({ env: process.env as Record<string, string> }), "0.0.0")
await system.registry.initializeAll()
// access_log writes to stdout: keep the measurement, drop the bytes.
process.stdout.write = (() => true) as typeof process.stdout.write

const completed = () => ({
  event: "request.completed" as const,
  timestamp: Date.now(),
  requestId: "req_bench",
  data: {
    request_id: "req_bench", method: "POST", url: "http://127.0.0.1:8000/claude/v1/messages", path: "/claude/v1/messages", query: "",
    headers: new Headers({ "content-type": "application/json" }), client_ip: "127.0.0.1", user_agent: "bench", provider: "claude_api",
    endpoint: "/claude/v1/messages", client_format: "anthropic.messages", provider_format: "anthropic.messages", model: "claude-sonnet-4-5",
    upstream_model: "claude-sonnet-4-5", streaming: false, conversion_warnings: [], upstream_status: 200, tokens_input: 12, tokens_output: 300,
    tokens_cache_read: 100, tokens_cache_write: 0, upstream_duration_ms: 1, response_status: 200, response_headers: new Headers(), duration: 2, body_size: 1400,
  },
})

const hooks = (system.core.hooks as unknown as { byEvent: Map<string, RegisteredHook[]> }).byEvent.get("request.completed") ?? []
const N = 50_000
const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!
const timeEach = async (run: () => void) => {
  for (let i = 0; i < N / 10; i++) run()
  const results: number[] = []
  for (let repeat = 0; repeat < 7; repeat++) {
    const started = performance.now()
    for (let i = 0; i < N; i++) run()
    // Work the hooks leave for later (a batch flush) belongs to them: let it run inside the timing.
    await new Promise((resolve) => setImmediate(resolve))
    results.push(((performance.now() - started) * 1000) / N)
  }
  return median(results)
}
for (const hook of hooks) {
  let i = 0
  const events = Array.from({ length: 1024 }, completed)
  console.error(`${hook.name.padEnd(22)} ${(await timeEach(() => void hook.handler(events[i++ & 1023]!))).toFixed(2)} µs`)
}
await system.registry.shutdownAll()
process.exit(0)
