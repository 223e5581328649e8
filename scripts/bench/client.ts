/**
 * The measuring client, run by scripts/bench/index.ts as its own process (pinned away from
 * the proxy). Takes one JSON job as its argument and prints one JSON result.
 *
 *   latency   alternate rounds through each target (order flipped every round); per request
 *             the total time, the time to the first body byte, the gaps between chunks and, for
 *             streams, each delta's transit time (arrival minus the upstream's `T<ms>;` stamp)
 *   streams   `count` streams at once through one target: completed, lost, stalled, timings
 *   load      closed-loop throughput with `concurrency` workers (used when wrk is missing)
 */

export interface Target {
  name: string
  url: string
}

export type Job =
  | { mode: "latency"; targets: Target[]; body: string; rounds: number; warmup: number; repeats: number; terminal?: string }
  | { mode: "streams"; url: string; body: string; count: number; stallMs: number; timeoutMs: number; terminal: string }
  | { mode: "load"; url: string; body: string; concurrency: number; durationMs: number }

export interface Sample {
  totalMs: number
  ttfbMs: number
  gapsMs: number[]
  transitMs: number[]
  ok: boolean
}

const HEADERS = { "content-type": "application/json" }

async function once(url: string, body: string, terminal: string | undefined, detail: boolean): Promise<Sample> {
  const started = performance.now()
  const response = await fetch(url, { method: "POST", headers: HEADERS, body })
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ""
  let ttfbMs = -1
  let last = 0
  const gapsMs: number[] = []
  const ends: { end: number; wall: number }[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const at = performance.now()
    if (ttfbMs < 0) ttfbMs = at - started
    else if (detail) gapsMs.push(at - last)
    last = at
    text += decoder.decode(value, { stream: true })
    if (detail) ends.push({ end: text.length, wall: performance.timeOrigin + at })
  }
  const totalMs = performance.now() - started
  const transitMs: number[] = []
  if (detail) {
    let chunk = 0
    for (const match of text.matchAll(/T(\d{13}\.\d{3});/g)) {
      const end = match.index + match[0].length
      while (chunk < ends.length - 1 && ends[chunk]!.end < end) chunk++
      transitMs.push(ends[chunk]!.wall - Number(match[1]))
    }
  }
  const ok = response.status === 200 && (terminal === undefined || text.includes(terminal))
  return { totalMs, ttfbMs: ttfbMs < 0 ? totalMs : ttfbMs, gapsMs, transitMs, ok }
}

/** `repeats` results, each after its own warm-up rounds. */
async function latency(job: Extract<Job, { mode: "latency" }>) {
  const out = []
  for (let repeat = 0; repeat < job.repeats; repeat++) out.push(await latencyRepeat(job))
  return out
}

async function latencyRepeat(job: Extract<Job, { mode: "latency" }>) {
  const detail = job.terminal !== undefined
  for (let i = 0; i < job.warmup; i++) for (const target of job.targets) await once(target.url, job.body, job.terminal, false)
  const results = job.targets.map(() => ({ totalMs: [] as number[], ttfbMs: [] as number[], gapsMs: [] as number[], transitMs: [] as number[], failures: 0 }))
  for (let round = 0; round < job.rounds; round++) {
    const order = job.targets.map((_, index) => index)
    if (round % 2 === 1) order.reverse()
    for (const index of order) {
      const sample = await once(job.targets[index]!.url, job.body, job.terminal, detail)
      const into = results[index]!
      into.totalMs.push(sample.totalMs)
      into.ttfbMs.push(sample.ttfbMs)
      for (const gap of sample.gapsMs) into.gapsMs.push(gap)
      for (const transit of sample.transitMs) into.transitMs.push(transit)
      if (!sample.ok) into.failures++
    }
  }
  return Object.fromEntries(job.targets.map((target, index) => [target.name, results[index]]))
}

async function streams(job: Extract<Job, { mode: "streams" }>) {
  const started = performance.now()
  const outcomes = await Promise.all(
    Array.from({ length: job.count }, async () => {
      const begun = performance.now()
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(), job.timeoutMs)
      let maxGap = 0
      let ttfb = -1
      let text = ""
      try {
        const response = await fetch(job.url, { method: "POST", headers: HEADERS, body: job.body, signal: abort.signal })
        const reader = response.body!.getReader()
        const decoder = new TextDecoder()
        let last = performance.now()
        for (;;) {
          const { done, value } = await reader.read()
          const at = performance.now()
          if (ttfb < 0) ttfb = at - begun
          maxGap = Math.max(maxGap, at - last)
          last = at
          if (done) break
          text += decoder.decode(value, { stream: true })
        }
        return { status: response.status, complete: text.includes(job.terminal), maxGap, ttfb, totalMs: performance.now() - begun, error: "" }
      } catch (error) {
        return { status: 0, complete: false, maxGap, ttfb, totalMs: performance.now() - begun, error: String((error as Error)?.message ?? error) }
      } finally {
        clearTimeout(timer)
      }
    }),
  )
  const completed = outcomes.filter((o) => o.status === 200 && o.complete)
  return {
    count: job.count,
    completed: completed.length,
    lost: job.count - completed.length,
    stalled: outcomes.filter((o) => o.maxGap > job.stallMs || o.error.includes("abort")).length,
    errors: [...new Set(outcomes.map((o) => o.error).filter(Boolean))].slice(0, 5),
    wallMs: performance.now() - started,
    ttfbMs: outcomes.map((o) => o.ttfb).filter((t) => t >= 0),
    totalMs: outcomes.map((o) => o.totalMs),
    maxGapMs: outcomes.map((o) => o.maxGap),
  }
}

async function load(job: Extract<Job, { mode: "load" }>) {
  const deadline = performance.now() + job.durationMs
  let ok = 0
  let failed = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          const response = await fetch(job.url, { method: "POST", headers: HEADERS, body: job.body })
          await response.arrayBuffer()
          if (response.status === 200) ok++
          else failed++
        } catch {
          failed++
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { requestsPerSecond: ok / seconds, ok, failed }
}

if (import.meta.main) {
  const job = JSON.parse(process.argv[2] ?? "{}") as Job
  const result = job.mode === "latency" ? await latency(job) : job.mode === "streams" ? await streams(job) : await load(job)
  process.stdout.write(JSON.stringify(result))
}
