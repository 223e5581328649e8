import { afterAll, describe, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseSince } from "~/cli/usage"
import { runCli, stopAllCliProcesses } from "../../helpers/cli"
import { seedRows } from "./helpers"

afterAll(() => stopAllCliProcesses())

const HOUR = 3_600_000

/** A data home whose analytics.db holds three models in the last day and one older request. */
function seededDataHome(): string {
  const dataHome = mkdtempSync(join(tmpdir(), "usage-cli-"))
  const now = Date.now()
  const sonnet = { model: "sonnet", upstream_model: "claude-sonnet-4-5" }
  seedRows(join(dataHome, "ccproxy", "analytics.db"), [
    { ...sonnet, timestamp: now - HOUR, tokens_input: 1200, tokens_output: 300, tokens_cache_read: 5000, tokens_cache_write: 100, cost_usd: 0.25 },
    { ...sonnet, timestamp: now - 2 * HOUR, tokens_input: 800, tokens_output: 200, tokens_cache_read: 0, tokens_cache_write: 0, cost_usd: 0.75 },
    { provider: "codex", model: "gpt-5", timestamp: now - 3 * HOUR, tokens_input: 50, tokens_output: 5, cost_usd: null },
    // A failed call: no tokens, so nothing to price, so not "unpriced".
    { ...sonnet, timestamp: now - 4 * HOUR, status_code: 500, error_type: "upstream_500", cost_usd: null },
    { model: "opus", upstream_model: "claude-opus-4-1", timestamp: now - 3 * 24 * HOUR, tokens_input: 10, tokens_output: 10, cost_usd: 2 },
  ])
  return dataHome
}

describe("ccproxy usage", () => {
  test("a table by model for the last 24 h, costliest first, with totals and a note on unpriced requests", async () => {
    const result = await runCli(["usage"], { env: { XDG_DATA_HOME: seededDataHome() } })
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    expect(lines[0]).toMatch(/^usage in the last 24h \(since .*Z\)$/)
    const table = lines.filter((line) => /^(model|claude|gpt|total)/.test(line))
    expect(table[0]!.split(/\s{2,}/)).toEqual(["model", "requests", "input", "output", "cache read", "cache write", "cost"])
    expect(table[1]!.split(/\s{2,}/)).toEqual(["claude-sonnet-4-5", "3", "2,000", "500", "5,000", "100", "$1.00"])
    expect(table[2]!.split(/\s{2,}/)).toEqual(["gpt-5", "1", "50", "5", "0", "0", "-"])
    expect(table[3]!.split(/\s{2,}/)).toEqual(["total", "4", "2,050", "505", "5,000", "100", "$1.00*"])
    expect(result.stdout).not.toContain("opus")
    expect(result.stdout).toContain("* 1 request(s) without a price")
  })

  test("--since 7d --json includes the older request", async () => {
    const result = await runCli(["usage", "--since", "7d", "--json"], { env: { XDG_DATA_HOME: seededDataHome() } })
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.models.map((model: any) => model.model)).toEqual(["claude-opus-4-1", "claude-sonnet-4-5", "gpt-5"])
    expect(report.models[0]).toEqual({ model: "claude-opus-4-1", requests: 1, tokens_input: 10, tokens_output: 10, tokens_cache_read: 0, tokens_cache_write: 0, cost_usd: 2, unpriced_requests: 0 })
    expect(report.models[1]).toMatchObject({ model: "claude-sonnet-4-5", requests: 3, unpriced_requests: 0 })
    expect(report.totals).toMatchObject({ requests: 5, tokens_input: 2060, cost_usd: 3, unpriced_requests: 1 })
  })

  test("--db reads another file; --since 30m can find nothing", async () => {
    const dataHome = seededDataHome()
    const result = await runCli(["usage", "--db", join(dataHome, "ccproxy", "analytics.db"), "--since", "30m"])
    expect(result).toMatchObject({ code: 0, stdout: "no usage in the last 30m\n" })
  })

  test("no database yet: says so and exits 0; a bad --since is a usage error", async () => {
    const empty = mkdtempSync(join(tmpdir(), "usage-cli-empty-"))
    expect(await runCli(["usage"], { env: { XDG_DATA_HOME: empty } })).toMatchObject({ code: 0, stdout: "no usage recorded yet\n" })
    const bad = await runCli(["usage", "--since", "yesterday"], { env: { XDG_DATA_HOME: empty } })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--since takes a duration like 30m, 24h or 7d")
  })

  test("a --db that is missing or not a database: exit 1 naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "usage-cli-bad-"))
    const missing = await runCli(["usage", "--db", join(dir, "nope.db")])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`error: no analytics database at ${join(dir, "nope.db")} (--db)`)
    const notDb = join(dir, "notes.txt")
    writeFileSync(notDb, "hello, not sqlite\n".repeat(100))
    const garbage = await runCli(["usage", "--db", notDb])
    expect(garbage.code).toBe(1)
    expect(garbage.stderr).toContain(`error: cannot read the analytics database ${notDb}: file is not a database`)
  })

  test("--since units", () => {
    expect([parseSince("30m"), parseSince("24h"), parseSince("7d"), parseSince("90s"), parseSince("1w")]).toEqual([1_800_000, 86_400_000, 604_800_000, 90_000, 604_800_000])
    expect(() => parseSince("0h")).toThrow()
    expect(() => parseSince("24")).toThrow()
  })
})
