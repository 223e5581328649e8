#!/usr/bin/env bun
/**
 * ccproxy with the REAL Claude Code and Codex CLI, against fake upstreams on 127.0.0.1:
 *
 *   bun scripts/e2e/real-clients.ts [--keep] [scenario...]
 *
 * A scenario is picked by group (`1`), id (`2c`) or part of its name (`/codex/v1`); none means all.
 * Each scenario starts ccproxy from source in a temp home, a fake upstream replaying recorded
 * streams, runs the client headless, and checks its output and the requests that reached the
 * upstream. The clients are installed from npm into a cache folder on first use (see
 * install-clients.ts). Exits 1 if any scenario fails. `--keep` leaves the temp folders (and
 * prints where) for a look at ccproxy's log and the client's output. Results: docs/REAL_CLIENTS.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { startFakeUpstream } from "./fake-upstream"
import { installClients, type InstalledClients } from "./install-clients"
import { startProxy } from "./proxy-process"
import { SCENARIOS, type Scenario } from "./scenarios"

interface Outcome {
  scenario: Scenario
  problems: string[]
  seconds: number
  dir: string
}

const log = (line: string) => console.error(`[e2e] ${line}`)

function select(filters: string[]): Scenario[] {
  if (!filters.length) return SCENARIOS
  const matches = (scenario: Scenario, filter: string) => (/^\d/.test(filter) ? scenario.id.startsWith(filter) : scenario.name.includes(filter))
  const picked = SCENARIOS.filter((scenario) => filters.some((filter) => matches(scenario, filter)))
  if (!picked.length) throw new Error(`no scenario matches ${filters.join(" ")}; ids: ${SCENARIOS.map((scenario) => scenario.id).join(" ")}`)
  return picked
}

async function runScenario(scenario: Scenario, clients: InstalledClients): Promise<Outcome> {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), `ccproxy-e2e-${scenario.id}-`))
  const upstream = startFakeUpstream(scenario.answers())
  let problems: string[]
  try {
    const proxy = await startProxy(dir, upstream.url)
    try {
      const run = await scenario.run({ dir, proxyUrl: proxy.url, clients })
      writeFileSync(join(dir, "client.stdout"), run.stdout)
      writeFileSync(join(dir, "client.stderr"), run.stderr)
      writeFileSync(join(dir, "upstream-requests.json"), JSON.stringify(upstream.requests, null, 2))
      problems = scenario.check(run, upstream.modelCalls())
    } finally {
      await proxy.stop()
      writeFileSync(join(dir, "ccproxy.log"), proxy.log())
    }
  } catch (error) {
    problems = [`harness: ${error instanceof Error ? error.message : String(error)}`]
  } finally {
    upstream.stop()
  }
  return { scenario, problems, seconds: (performance.now() - started) / 1000, dir }
}

function printTable(outcomes: Outcome[], keep: boolean) {
  const width = Math.max(...outcomes.map((outcome) => outcome.scenario.name.length))
  console.log(`\n${"id".padEnd(4)} ${"scenario".padEnd(width)}  result  time`)
  for (const { scenario, problems, seconds } of outcomes) {
    console.log(`${scenario.id.padEnd(4)} ${scenario.name.padEnd(width)}  ${problems.length ? "FAIL" : "pass"}    ${seconds.toFixed(1)}s`)
  }
  for (const { scenario, problems, dir } of outcomes.filter((outcome) => outcome.problems.length)) {
    console.log(`\n${scenario.id} ${scenario.name}${keep ? ` (files in ${dir})` : ""}`)
    for (const problem of problems) console.log(`  - ${problem}`)
  }
  const failed = outcomes.filter((outcome) => outcome.problems.length).length
  console.log(`\n${outcomes.length - failed} passed, ${failed} failed`)
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { keep: { type: "boolean", default: false } } })
  const scenarios = select(positionals)
  const clients = await installClients(log)
  log(`clients: ${Object.entries(clients.versions).map(([name, version]) => `${name}@${version}`).join(", ")} (${clients.dir})`)
  const outcomes: Outcome[] = []
  for (const scenario of scenarios) {
    log(`${scenario.id} ${scenario.name}`)
    const outcome = await runScenario(scenario, clients)
    outcomes.push(outcome)
    if (!values.keep) rmSync(outcome.dir, { recursive: true, force: true })
  }
  printTable(outcomes, values.keep)
  return outcomes.some((outcome) => outcome.problems.length) ? 1 : 0
}

if (import.meta.main) process.exit(await main())
