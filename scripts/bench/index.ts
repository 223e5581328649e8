#!/usr/bin/env bun
/**
 * What ccproxy costs on top of a raw Bun passthrough: `bun run bench [--quick] [--dry-run]`.
 *
 *   --quick          fewer rounds and concurrency 64 only; under two minutes
 *   --dry-run        a few requests of everything, ccproxy run from source (no build): seconds
 *   --profiles LIST  comma-separated: default, observability, bare (default: default,observability)
 *   --binary PATH    benchmark this compiled binary instead of building one
 *   --out FILE       the JSON results (default scripts/bench/results/<mode>.json)
 *   --docs           also write the results table into docs/BENCHMARKS.md (between its markers)
 *
 * Every process is separate: the fake upstream, the baseline (scripts/bench/baseline.ts), ccproxy
 * (the compiled binary, with a temp config and temp credentials), and the load (wrk, else the
 * Bun client in scripts/bench/client.ts). Method and reading of the numbers: docs/BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { cpus, tmpdir, totalmem } from "node:os"
import { dirname, join, resolve } from "node:path"
import { parseArgs } from "node:util"
import type { Job } from "./client"
import { prepareHome, type Profile } from "./proxy-home"

const ROOT = resolve(import.meta.dir, "../..")
const BENCH = import.meta.dir

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    profiles: { type: "string", default: "default,observability" },
    binary: { type: "string" },
    out: { type: "string" },
    docs: { type: "boolean", default: false },
  },
})
const MODE = args["dry-run"] ? "dry-run" : args.quick ? "quick" : "full"

/** How much of everything each mode does. */
const PLAN = {
  full: { repeats: 3, latencyRounds: 1000, warmup: 300, pacedRounds: 25, concurrencies: [1, 16, 64], seconds: 3, warmupSeconds: 3, secondaryThroughputRepeats: 3, streams: 1000, coldStarts: 11, sizes: [0.3, 1.4, 10] },
  quick: { repeats: 3, latencyRounds: 120, warmup: 30, pacedRounds: 3, concurrencies: [64], seconds: 1, warmupSeconds: 1.5, secondaryThroughputRepeats: 0, streams: 1000, coldStarts: 3, sizes: [1.4] },
  "dry-run": { repeats: 1, latencyRounds: 3, warmup: 1, pacedRounds: 1, concurrencies: [4], seconds: 0.2, warmupSeconds: 0.2, secondaryThroughputRepeats: 1, streams: 10, coldStarts: 0, sizes: [1.4] },
}[MODE]

type ClientFormat = "anthropic" | "chat" | "responses"
interface Scenario {
  name: string
  path: string
  client: ClientFormat
  stream: boolean
  kind: "passthrough" | "conversion"
}

const SCENARIOS: Scenario[] = [
  { name: "claude messages", path: "/claude/v1/messages", client: "anthropic", stream: false, kind: "passthrough" },
  { name: "claude messages stream", path: "/claude/v1/messages", client: "anthropic", stream: true, kind: "passthrough" },
  { name: "claude chat", path: "/claude/v1/chat/completions", client: "chat", stream: false, kind: "conversion" },
  { name: "claude chat stream", path: "/claude/v1/chat/completions", client: "chat", stream: true, kind: "conversion" },
  { name: "codex responses stream", path: "/codex/v1/responses", client: "responses", stream: true, kind: "passthrough" },
  { name: "codex messages stream", path: "/codex/v1/messages", client: "anthropic", stream: true, kind: "conversion" },
]
const TERMINAL: Record<ClientFormat, string> = { anthropic: "message_stop", chat: "[DONE]", responses: "response.completed" }

function requestBody(client: ClientFormat, model: string, stream: boolean): string {
  const prompt = "Say hello in one short sentence."
  if (client === "anthropic") return JSON.stringify({ model, max_tokens: 1024, messages: [{ role: "user", content: prompt }], stream })
  if (client === "chat") return JSON.stringify({ model, messages: [{ role: "user", content: prompt }], stream })
  return JSON.stringify({ model, input: prompt, stream })
}

// ---------------------------------------------------------------- processes

const PIN = process.platform === "linux" && cpus().length >= 2 && Bun.which("taskset") !== null
/** CPU 1 for the server under test (baseline or ccproxy), CPU 0 for the upstream and the load. */
const pinned = (cpu: 0 | 1, command: string[]) => (PIN ? ["taskset", "-c", String(cpu), ...command] : command)
const children = new Set<Bun.Subprocess>()
// Bun's fetch runs at most 256 requests at once unless this is set when the process starts
// (it cannot be raised from inside); the client, the baseline and ccproxy all get the same limit.
const MAX_HTTP_REQUESTS = { BUN_CONFIG_MAX_HTTP_REQUESTS: "4096" }
const BUN_ENV = { ...process.env, ...MAX_HTTP_REQUESTS }

function stopAll() {
  for (const child of children) child.kill()
  children.clear()
}
process.on("SIGINT", () => {
  stopAll()
  process.exit(130)
})

/** Starts a script that prints `PORT <n>`; returns its port. */
async function startScript(cpu: 0 | 1, script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ port: number; child: Bun.Subprocess }> {
  const child = Bun.spawn(pinned(cpu, [process.execPath, script, ...args]), { stdout: "pipe", stderr: "inherit", env: { ...process.env, ...env } })
  children.add(child)
  const reader = (child.stdout as ReadableStream<Uint8Array>).getReader()
  let text = ""
  for (let i = 0; i < 100 && !/PORT (\d+)/.test(text); i++) {
    const { done, value } = await reader.read()
    if (done) break
    text += new TextDecoder().decode(value)
  }
  const port = Number(/PORT (\d+)/.exec(text)?.[1])
  if (!port) throw new Error(`${script} did not start: ${text}`)
  reader.releaseLock()
  return { port, child }
}

function freePort(): number {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() })
  const port = server.port!
  server.stop(true)
  return port
}

async function waitForHealth(url: string, limitMs: number, intervalMs = 2): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < limitMs) {
    try {
      const response = await fetch(`${url}/health`)
      if (response.status === 200) {
        await response.arrayBuffer()
        return performance.now() - started
      }
    } catch {}
    await Bun.sleep(intervalMs)
  }
  throw new Error(`${url}/health did not answer within ${limitMs} ms`)
}

function rssKb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN)
  } catch {
    return NaN
  }
}

async function runClient<T>(job: Job): Promise<T> {
  const child = Bun.spawn(pinned(0, [process.execPath, join(BENCH, "client.ts"), JSON.stringify(job)]), { stdout: "pipe", stderr: "pipe", env: BUN_ENV })
  children.add(child)
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
  children.delete(child)
  if (code !== 0) throw new Error(`client failed (${code}): ${err.slice(0, 500)}`)
  return JSON.parse(out) as T
}

// ---------------------------------------------------------------- ccproxy setup

async function startProxy(command: string[], env: Record<string, string | undefined>, home: string, port: number) {
  const child = Bun.spawn(pinned(1, [...command, "serve"]), { stdout: Bun.file(join(home, "stdout.log")), stderr: Bun.file(join(home, "stderr.log")), env })
  children.add(child)
  const url = `http://127.0.0.1:${port}`
  const startMs = await waitForHealth(url, 20_000)
  return { child, url, startMs }
}

// ---------------------------------------------------------------- statistics

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}
const median = (values: number[]) => percentile(values, 50)
/** Median of the repeats and their spread (min, max). */
const summary = (values: number[]) => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.map(round) })
const round = (value: number) => Math.round(value * 1000) / 1000

// ---------------------------------------------------------------- measures

interface LatencyTarget {
  totalMs: number[]
  ttfbMs: number[]
  gapsMs: number[]
  transitMs: number[]
  failures: number
}

async function latencyRepeats(scenario: Scenario, model: string, baseline: string, proxy: string, paced: boolean) {
  const runs: Record<string, number[]> = {}
  const push = (key: string, value: number) => (runs[key] ??= []).push(value)
  let failures = 0
  const repeats = await runClient<Record<"baseline" | "ccproxy", LatencyTarget>[]>({
    mode: "latency",
    targets: [
      { name: "baseline", url: baseline + scenario.path },
      { name: "ccproxy", url: proxy + scenario.path },
    ],
    body: requestBody(scenario.client, model, scenario.stream),
    rounds: paced ? PLAN.pacedRounds : PLAN.latencyRounds,
    warmup: paced ? 1 : PLAN.warmup,
    repeats: PLAN.repeats,
    terminal: scenario.stream ? TERMINAL[scenario.client] : undefined,
  })
  for (const result of repeats) {
    const { baseline: b, ccproxy: c } = result
    failures += b.failures + c.failures
    const diffs = c.totalMs.map((value, i) => value - b.totalMs[i]!)
    const ttfbDiffs = c.ttfbMs.map((value, i) => value - b.ttfbMs[i]!)
    if (!paced) {
      push("addedP50", percentile(diffs, 50))
      push("addedP99", percentile(diffs, 99))
      push("baselineP50", percentile(b.totalMs, 50))
      push("ccproxyP50", percentile(c.totalMs, 50))
      push("ccproxyP99", percentile(c.totalMs, 99))
    } else {
      push("addedTtfbP50", percentile(ttfbDiffs, 50))
      push("addedTtfbP99", percentile(ttfbDiffs, 99))
      push("baselineGapP50", percentile(b.gapsMs, 50))
      push("baselineGapP99", percentile(b.gapsMs, 99))
      push("ccproxyGapP50", percentile(c.gapsMs, 50))
      push("ccproxyGapP99", percentile(c.gapsMs, 99))
      push("addedGapP50", percentile(c.gapsMs, 50) - percentile(b.gapsMs, 50))
      push("addedGapP99", percentile(c.gapsMs, 99) - percentile(b.gapsMs, 99))
      push("addedTransitP50", percentile(c.transitMs, 50) - percentile(b.transitMs, 50))
      push("addedTransitP99", percentile(c.transitMs, 99) - percentile(b.transitMs, 99))
      push("chunksPerStream", c.gapsMs.length / PLAN.pacedRounds + 1)
    }
  }
  return { failures, ...Object.fromEntries(Object.entries(runs).map(([key, values]) => [key, summary(values)])) }
}

const WRK = Bun.which("wrk")
const LOAD_GENERATOR = WRK && MODE !== "dry-run" ? "wrk" : "client.ts"

async function throughputOnce(url: string, body: string, concurrency: number, dir: string, seconds = PLAN.seconds): Promise<number> {
  if (LOAD_GENERATOR === "wrk") {
    const bodyFile = join(dir, "body.json")
    writeFileSync(bodyFile, body)
    const script = join(dir, "post.lua")
    writeFileSync(script, `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nlocal f = io.open(${JSON.stringify(bodyFile)}, "rb")\nwrk.body = f:read("*a")\nf:close()\n`)
    const child = Bun.spawn(pinned(0, [WRK!, "-t1", `-c${concurrency}`, `-d${Math.max(1, Math.round(seconds))}s`, "-s", script, url]), { stdout: "pipe", stderr: "pipe" })
    children.add(child)
    const [out, , code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
    children.delete(child)
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
    const bad = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
    const errors = /Socket errors: (.*)/.exec(out)?.[1]
    if (code !== 0 || !rps || bad > 0) throw new Error(`wrk against ${url} failed: ${bad} non-2xx, errors ${errors ?? "none"}\n${out}`)
    return rps
  }
  const result = await runClient<{ requestsPerSecond: number; failed: number }>({ mode: "load", url, body, concurrency, durationMs: seconds * 1000 })
  if (result.failed > 0) throw new Error(`${result.failed} requests failed against ${url}`)
  return result.requestsPerSecond
}

async function throughput(scenario: Scenario, model: string, baseline: string, proxy: string, dir: string, repeats: number, first: boolean) {
  const body = requestBody(scenario.client, model, scenario.stream)
  const out: Record<string, unknown> = {}
  // Both servers open their upstream connections and JIT this scenario's concurrent path before
  // anything counts. ccproxy gets longer: its path is far more code than the baseline's twenty
  // lines, and JSC takes several seconds of load to optimise all of it (measured on Claude JSON at
  // 64 connections, 1 s runs after start: 5600, 6400, 7200, then 7300-7600 req/s). A proxy that
  // runs for hours is measured warm: the first scenario of a run warms the shared path longest.
  const top = Math.max(...PLAN.concurrencies)
  await throughputOnce(baseline + scenario.path, body, top, dir, Math.min(1, PLAN.warmupSeconds))
  await throughputOnce(proxy + scenario.path, body, top, dir, first ? PLAN.warmupSeconds * 2.5 : PLAN.warmupSeconds)
  for (const concurrency of PLAN.concurrencies) {
    const b: number[] = []
    const c: number[] = []
    const ratios: number[] = []
    for (let repeat = 0; repeat < repeats; repeat++) {
      // Alternate which goes first, so drift (thermal, page cache) falls on both.
      const first = repeat % 2 === 0
      const x = first ? await throughputOnce(baseline + scenario.path, body, concurrency, dir) : NaN
      const y = await throughputOnce(proxy + scenario.path, body, concurrency, dir)
      const z = first ? x : await throughputOnce(baseline + scenario.path, body, concurrency, dir)
      b.push(z)
      c.push(y)
      ratios.push(y / z)
    }
    out[`c${concurrency}`] = { baselineRps: summary(b), ccproxyRps: summary(c), ratio: summary(ratios) }
  }
  return out
}

async function concurrentStreams(url: string, path: string, pid: number) {
  const scenario = SCENARIOS.find((s) => s.path === path && s.stream)!
  let peakKb = rssKb(pid)
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(pid))), 20)
  const result = await runClient<{ count: number; completed: number; lost: number; stalled: number; errors: string[]; wallMs: number; ttfbMs: number[]; totalMs: number[]; maxGapMs: number[] }>({
    mode: "streams",
    url: url + path,
    body: requestBody(scenario.client, "bench-10-paced", true),
    count: PLAN.streams,
    stallMs: 5000,
    timeoutMs: 60_000,
    terminal: TERMINAL[scenario.client],
  })
  clearInterval(sampler)
  return {
    route: path,
    count: result.count,
    completed: result.completed,
    lost: result.lost,
    stalled: result.stalled,
    errors: result.errors,
    wallMs: round(result.wallMs),
    ttfbP50Ms: round(percentile(result.ttfbMs, 50)),
    ttfbP99Ms: round(percentile(result.ttfbMs, 99)),
    durationP99Ms: round(percentile(result.totalMs, 99)),
    maxGapMs: round(Math.max(...result.maxGapMs)),
    peakRssMb: round(peakKb / 1024),
    hwmRssMb: round(rssKb(pid, "VmHWM") / 1024),
  }
}

// ---------------------------------------------------------------- run

function machine() {
  const cpu = cpus()[0]?.model ?? "unknown"
  let kernel = ""
  try {
    kernel = execFileSync("uname", ["-sr"]).toString().trim()
  } catch {}
  let commit = ""
  try {
    commit = execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]).toString().trim()
  } catch {}
  return { cpu, cores: cpus().length, memoryGb: round(totalmem() / 2 ** 30), kernel, bun: Bun.version, commit, pinned: PIN, loadGenerator: LOAD_GENERATOR === "wrk" ? wrkVersion() : "scripts/bench/client.ts (Bun fetch)" }
}

/** `wrk --version` prints its banner and exits 1. */
function wrkVersion(): string {
  const result = Bun.spawnSync([WRK!, "--version"])
  return /wrk \S+/.exec(result.stdout.toString())?.[0] ?? "wrk"
}

async function main() {
  const begun = performance.now()
  const dir = mkdtempSync(join(tmpdir(), "ccproxy-bench-"))
  const log = (line: string) => console.error(`[${((performance.now() - begun) / 1000).toFixed(1)}s] ${line}`)
  const results: Record<string, any> = { mode: MODE, date: new Date().toISOString(), machine: machine(), plan: PLAN, profiles: {} }
  try {
    // The product is the compiled binary; dry runs use the source to stay fast.
    let command: string[]
    if (MODE === "dry-run") command = [process.execPath, join(ROOT, "src/main.ts")]
    else if (args.binary) command = [resolve(args.binary)]
    else {
      log("building the binary")
      const { buildBinary } = await import("../build")
      const built = await buildBinary({ outfile: join(dir, "ccproxy") })
      command = [built.path]
    }
    if (MODE !== "dry-run") results.binary = { path: args.binary ?? "(built by the run)", bytes: statSync(command[0]!).size, mb: round(statSync(command[0]!).size / 2 ** 20) }

    const upstream = await startScript(0, join(BENCH, "upstream.ts"), ["--interval", "1"])
    const upstreamUrl = `http://127.0.0.1:${upstream.port}`
    const baselineProc = await startScript(1, join(BENCH, "baseline.ts"), [], { UPSTREAM: upstreamUrl, ...MAX_HTTP_REQUESTS })
    const baseline = `http://127.0.0.1:${baselineProc.port}`
    log(`upstream ${upstreamUrl}, baseline ${baseline}, load from ${LOAD_GENERATOR}, pinning ${PIN ? "on" : "off"}`)
    results.baselineIdleRssMb = round(rssKb(baselineProc.child.pid) / 1024)

    const profiles = args.profiles.split(",").map((p) => p.trim()).filter(Boolean) as Profile[]
    for (const profile of profiles) {
      const port = freePort()
      const { env, home } = prepareHome(dir, profile, port, upstreamUrl)
      const proxy = await startProxy(command, { ...env, ...MAX_HTTP_REQUESTS }, home, port)
      await Bun.sleep(MODE === "dry-run" ? 50 : 1000)
      const out: Record<string, any> = { idleRssMb: round(rssKb(proxy.child.pid) / 1024), scenarios: {} }
      log(`${profile}: ccproxy up (idle RSS ${out.idleRssMb} MB)`)
      for (const scenario of SCENARIOS) {
        const entry: Record<string, any> = { path: scenario.path, kind: scenario.kind, stream: scenario.stream }
        if (!scenario.stream) {
          entry.latency = {}
          for (const size of PLAN.sizes) entry.latency[`${size}KB`] = await latencyRepeats(scenario, `bench-${size}-burst`, baseline, proxy.url, false)
        } else {
          entry.latency = { burst: await latencyRepeats(scenario, "bench-10-burst", baseline, proxy.url, false) }
          entry.stream = await latencyRepeats(scenario, "bench-10-paced", baseline, proxy.url, true)
        }
        const primary = profile === profiles[0]
        const repeats = primary ? PLAN.repeats : PLAN.secondaryThroughputRepeats
        if (repeats > 0) entry.throughput = await throughput(scenario, scenario.stream ? "bench-10-burst" : "bench-1.4-burst", baseline, proxy.url, dir, repeats, scenario === SCENARIOS[0])
        out.scenarios[scenario.name] = entry
        log(`${profile}: ${scenario.name} done`)
      }
      if (profile === profiles[0]) {
        out.streams = {
          baseline: await concurrentStreams(baseline, "/claude/v1/messages", baselineProc.child.pid),
          ccproxy: await concurrentStreams(proxy.url, "/claude/v1/messages", proxy.child.pid),
        }
        log(`${profile}: ${PLAN.streams} concurrent streams: ${out.streams.ccproxy.completed} completed, peak RSS ${out.streams.ccproxy.peakRssMb} MB`)
      }
      out.rssAfterLoadMb = round(rssKb(proxy.child.pid) / 1024)
      proxy.child.kill()
      await proxy.child.exited
      children.delete(proxy.child)
      results.profiles[profile] = out
    }

    if (PLAN.coldStarts > 0) {
      const { env, home } = prepareHome(dir, "default", 0, upstreamUrl)
      const times: number[] = []
      for (let i = 0; i < PLAN.coldStarts; i++) {
        const port = freePort()
        const started = performance.now()
        const child = Bun.spawn(pinned(1, [...command, "serve", "--port", String(port)]), { stdout: Bun.file(join(home, "cold.log")), stderr: Bun.file(join(home, "cold.err")), env })
        children.add(child)
        await waitForHealth(`http://127.0.0.1:${port}`, 10_000, 1)
        times.push(performance.now() - started)
        child.kill()
        await child.exited
        children.delete(child)
      }
      results.coldStartMs = summary(times)
      log(`cold start median ${results.coldStartMs.median} ms`)
    }
    results.targets = evaluate(results)
    results.elapsedSeconds = round((performance.now() - begun) / 1000)
  } finally {
    stopAll()
    rmSync(dir, { recursive: true, force: true })
  }
  const outFile = resolve(args.out ?? join(BENCH, "results", `${MODE}.json`))
  mkdirSync(dirname(outFile), { recursive: true })
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`)
  const markdown = renderMarkdown(results)
  console.log(markdown)
  if (args.docs) writeDocs(markdown)
  console.error(`results: ${outFile} (${results.elapsedSeconds} s)`)
}

// ---------------------------------------------------------------- targets and report

interface Check {
  target: string
  limit: string
  value: string
  met: boolean
}

function evaluate(results: Record<string, any>): Check[] {
  const profile = results.profiles.default ?? Object.values(results.profiles)[0]
  if (!profile) return []
  const checks: Check[] = []
  const check = (target: string, limit: number, value: number, unit: string, atMost = true) =>
    checks.push({ target, limit: `${atMost ? "≤" : "≥"} ${limit}${unit}`, value: `${round(value)}${unit}`, met: atMost ? value <= limit : value >= limit })
  const scenarios = Object.entries(profile.scenarios) as [string, any][]
  const latencyOf = (entry: any) => entry.latency["1.4KB"] ?? entry.latency.burst ?? Object.values(entry.latency)[0]
  for (const [name, entry] of scenarios) {
    const latency = latencyOf(entry)
    if (entry.kind === "passthrough") {
      check(`${name}: added p50`, 0.3, latency.addedP50.median, " ms")
      check(`${name}: added p99`, 1, latency.addedP99.median, " ms")
    } else check(`${name}: added p50`, 0.5, latency.addedP50.median, " ms")
    const c64 = entry.throughput?.c64
    if (c64) check(`${name}: throughput c64 vs baseline`, 85, c64.ratio.median * 100, "%", false)
    if (entry.stream) {
      check(`${name}: added time to first byte (p50)`, 1, entry.stream.addedTtfbP50.median, " ms")
      check(`${name}: added gap between chunks (p99)`, 0.1, entry.stream.addedGapP99.median, " ms")
    }
  }
  if (profile.streams) {
    const s = profile.streams.ccproxy
    check(`${s.count} concurrent streams: lost or stalled`, 0, s.lost + s.stalled, "")
    check(`${s.count} concurrent streams: peak RSS`, 250, s.peakRssMb, " MB")
  }
  check("idle RSS", 60, profile.idleRssMb, " MB")
  if (results.coldStartMs) check("cold start to /health", 150, results.coldStartMs.median, " ms")
  return checks
}

const fmt = (value: number | undefined, digits = 3) => (value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits))
const spread = (s: { median: number; min: number; max: number } | undefined, digits = 3) => (s ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}…${fmt(s.max, digits)})` : "–")

export function renderMarkdown(results: Record<string, any>): string {
  const lines: string[] = []
  const m = results.machine
  lines.push(`Mode \`${results.mode}\`, ${results.date.slice(0, 10)}, commit ${m.commit}: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.kernel}, Bun ${m.bun}; load from ${m.loadGenerator}; CPU pinning ${m.pinned ? "on" : "off"}.`)
  lines.push("Each cell: median of the repeats (min…max). Times in ms; added = ccproxy minus the baseline in the same round.")
  lines.push("")
  for (const [profile, data] of Object.entries(results.profiles) as [string, any][]) {
    lines.push(`#### Profile \`${profile}\` (idle RSS ${data.idleRssMb} MB, after load ${data.rssAfterLoadMb} MB)`)
    lines.push("")
    lines.push("| scenario | size | baseline p50 | added p50 | added p99 |")
    lines.push("|---|---|---|---|---|")
    for (const [name, entry] of Object.entries(data.scenarios) as [string, any][]) {
      for (const [size, latency] of Object.entries(entry.latency) as [string, any][]) {
        lines.push(`| ${name} | ${size === "burst" ? "10 KB stream" : size.replace("KB", " KB")} | ${spread(latency.baselineP50)} | ${spread(latency.addedP50)} | ${spread(latency.addedP99)} |`)
      }
    }
    lines.push("")
    const concurrencies = Object.keys((Object.values(data.scenarios)[0] as any)?.throughput ?? {})
    if (concurrencies.length) lines.push(`| scenario | ${concurrencies.map((c) => `${c.slice(1)} conn: baseline req/s | ccproxy req/s | ratio`).join(" | ")} |`)
    if (concurrencies.length) lines.push(`|---|${concurrencies.map(() => "---|---|---|").join("")}`)
    for (const [name, entry] of Object.entries(data.scenarios) as [string, any][]) {
      if (concurrencies.length) lines.push(`| ${name} | ${concurrencies.map((c) => `${fmt(entry.throughput[c].baselineRps.median, 0)} | ${fmt(entry.throughput[c].ccproxyRps.median, 0)} | ${spread(entry.throughput[c].ratio, 2)}`).join(" | ")} |`)
    }
    if (concurrencies.length) lines.push("")
    else lines.push("(no throughput runs for this profile in this mode)\n")
    lines.push("| stream (64 chunks, 1 ms apart) | added TTFB p50 | added TTFB p99 | gap p50 base / ccproxy | gap p99 base / ccproxy | added gap p99 | added per-chunk transit p50 / p99 |")
    lines.push("|---|---|---|---|---|---|---|")
    for (const [name, entry] of Object.entries(data.scenarios) as [string, any][]) {
      const s = entry.stream
      if (!s) continue
      lines.push(`| ${name} | ${spread(s.addedTtfbP50)} | ${spread(s.addedTtfbP99)} | ${fmt(s.baselineGapP50?.median)} / ${fmt(s.ccproxyGapP50?.median)} | ${fmt(s.baselineGapP99?.median)} / ${fmt(s.ccproxyGapP99?.median)} | ${spread(s.addedGapP99)} | ${fmt(s.addedTransitP50?.median)} / ${fmt(s.addedTransitP99?.median)} |`)
    }
    lines.push("")
    if (data.streams) {
      lines.push(`| ${data.streams.ccproxy.count} concurrent streams (${data.streams.ccproxy.route}) | completed | lost | stalled | TTFB p50 / p99 | duration p99 | longest gap | peak RSS |`)
      lines.push("|---|---|---|---|---|---|---|---|")
      for (const [who, s] of Object.entries(data.streams) as [string, any][]) {
        lines.push(`| ${who} | ${s.completed} | ${s.lost} | ${s.stalled} | ${fmt(s.ttfbP50Ms, 1)} / ${fmt(s.ttfbP99Ms, 1)} | ${fmt(s.durationP99Ms, 1)} | ${fmt(s.maxGapMs, 1)} | ${fmt(s.peakRssMb, 1)} MB |`)
      }
      lines.push("")
    }
  }
  lines.push(`Baseline idle RSS ${results.baselineIdleRssMb} MB.${results.coldStartMs ? ` Cold start of the binary to the first 200 from /health: ${spread(results.coldStartMs, 1)} ms.` : ""}${results.binary ? ` Binary: ${results.binary.mb} MB.` : ""}`)
  lines.push("")
  if (results.targets?.length) {
    lines.push("| target | limit | measured | met |")
    lines.push("|---|---|---|---|")
    for (const c of results.targets as Check[]) lines.push(`| ${c.target} | ${c.limit} | ${c.value} | ${c.met ? "yes" : "**no**"} |`)
    lines.push("")
  }
  return lines.join("\n")
}

const START = "<!-- bench:results:start -->"
const END = "<!-- bench:results:end -->"

function writeDocs(markdown: string) {
  const file = join(ROOT, "docs/BENCHMARKS.md")
  const current = readFileSync(file, "utf8")
  const from = current.indexOf(START)
  const to = current.indexOf(END)
  if (from < 0 || to < 0) throw new Error(`docs/BENCHMARKS.md has no ${START} … ${END} section`)
  writeFileSync(file, `${current.slice(0, from + START.length)}\n${markdown}\n${current.slice(to)}`)
}

if (import.meta.main) await main()
