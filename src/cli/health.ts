import { defineCommand } from "citty"
import { loadValidConfig, type FlagValue } from "~/config/load"
import { UsageError } from "~/core/errors"

export interface HealthOptions {
  /** Server base URL or the full `/health/ready` URL. */
  url: string
  /** Keep trying this long; 0 asks once. */
  waitSeconds: number
  /** Pause between attempts. */
  intervalMs?: number
}

interface Probe {
  ready: boolean
  reason: string
  version?: string
}

const REQUEST_TIMEOUT_MS = 5000
const DEFAULT_INTERVAL_MS = 250

/** `http://host:port/health/ready` for a base URL; a URL already ending in /health/ready is kept. */
export function readinessUrl(url: string): string {
  const parsed = new URL(url)
  if (!parsed.pathname.endsWith("/health/ready")) parsed.pathname = `${parsed.pathname.replace(/\/+$/, "")}/health/ready`
  return parsed.toString()
}

/** The URL of a server listening on `host:port`; a wildcard address is reached on loopback. */
export function localServerUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`
}

async function probe(url: string, timeoutMs: number): Promise<Probe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/health+json" } })
    const body = ((await response.json().catch(() => null)) ?? {}) as { status?: string; output?: string; version?: string }
    if (response.ok && body.status === "pass") return { ready: true, reason: body.output ?? "ready", version: body.version }
    return { ready: false, reason: `HTTP ${response.status}${body.output ? `: ${body.output}` : ""}` }
  } catch (error) {
    return { ready: false, reason: describeFetchError(error, timeoutMs) }
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { code?: string }
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${timeoutMs / 1000}s`
  if (err.code === "ConnectionRefused" || /refused/i.test(err.message)) return "connection refused"
  return err.message || String(error)
}

/** Asks `/health/ready` until it answers ready or the wait is over; 0 when ready, 1 otherwise. */
export async function runHealth(options: HealthOptions): Promise<number> {
  const url = readinessUrl(options.url)
  const deadline = Date.now() + options.waitSeconds * 1000
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS
  let attempts = 0
  for (;;) {
    attempts++
    const remaining = deadline - Date.now()
    const result = await probe(url, remaining > 0 ? Math.max(100, Math.min(REQUEST_TIMEOUT_MS, remaining)) : REQUEST_TIMEOUT_MS)
    if (result.ready) {
      console.log(`ready: ${url}${result.version ? ` (ccproxy ${result.version})` : ""}`)
      return 0
    }
    const left = deadline - Date.now()
    if (left <= 0) {
      const waited = options.waitSeconds > 0 ? ` after waiting ${options.waitSeconds}s (${attempts} attempts)` : ""
      console.error(`error: not ready${waited}: ${result.reason} (${url})`)
      return 1
    }
    await Bun.sleep(Math.min(interval, left))
  }
}

function parseWait(value: unknown): number {
  if (value === undefined) return 0
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--wait takes a number of seconds, got "${String(value)}"`)
  return seconds
}

/** `--url`, else the configured server.host and server.port (file, env, --host, --port). */
function targetUrl(args: Record<string, unknown>): string {
  if (typeof args.url === "string") {
    if (!URL.canParse(args.url)) throw new UsageError(`--url is not a URL: "${args.url}"`)
    return args.url
  }
  const flags: FlagValue[] = []
  if (typeof args.host === "string") flags.push({ path: ["server", "host"], value: args.host, flag: "--host" })
  if (typeof args.port === "string") flags.push({ path: ["server", "port"], value: /^\d+$/.test(args.port) ? Number(args.port) : args.port, flag: "--port" })
  const { server } = loadValidConfig({ configPath: typeof args.config === "string" ? args.config : undefined, flags }).settings
  return localServerUrl(server.host, server.port)
}

export const healthCommand = defineCommand({
  meta: { name: "health", description: "Exit 0 once a running ccproxy answers ready on /health/ready, 1 with the reason otherwise" },
  args: {
    url: { type: "string", description: "Server URL (default: from server.host and server.port, http://127.0.0.1:8000)" },
    wait: { type: "string", alias: ["w"], description: "Keep trying for this many seconds (default 0: ask once)" },
    config: { type: "string", alias: ["c"], description: "Config file to read server.host and server.port from" },
    host: { type: "string", description: "Server host, when not --url" },
    port: { type: "string", alias: ["p"], description: "Server port, when not --url" },
  },
  run: ({ args }) => runHealth({ url: targetUrl(args), waitSeconds: parseWait(args.wait) }),
})
