import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openAnalyticsDatabase } from "../../../plugins/analytics/database"
import { ROW_COLUMNS, type AnalyticsRow } from "../../../plugins/analytics/row"

export const tempDatabasePath = () => join(mkdtempSync(join(tmpdir(), "analytics-")), "analytics.db")

let sequence = 0

/** A complete row with neutral values, for seeding. */
export function analyticsRow(overrides: Partial<AnalyticsRow> = {}): AnalyticsRow {
  return {
    timestamp: Date.now(),
    request_id: `seed-${++sequence}`,
    method: "POST",
    path: "/claude/v1/messages",
    provider: "claude_api",
    endpoint: "/claude/v1/messages",
    client_format: "anthropic.messages",
    provider_format: "anthropic.messages",
    model: null,
    upstream_model: null,
    status_code: 200,
    streaming: 0,
    duration_ms: 100,
    upstream_duration_ms: null,
    ttft_ms: null,
    tokens_input: null,
    tokens_output: null,
    tokens_cache_read: null,
    tokens_cache_write: null,
    tokens_reasoning: null,
    cost_usd: null,
    error_type: null,
    conversion_warnings: null,
    ...overrides,
  }
}

/** Writes rows straight into the database at `path` (created and migrated if needed). */
export function seedRows(path: string, rows: Array<Partial<AnalyticsRow>>): void {
  const db = openAnalyticsDatabase(path)
  const insert = db.prepare(`INSERT INTO access_logs (${ROW_COLUMNS.join(", ")}) VALUES (${ROW_COLUMNS.map((column) => `$${column}`).join(", ")})`)
  db.transaction(() => {
    for (const row of rows) insert.run(analyticsRow(row) as never)
  })()
  db.close()
}

/** Polls until `check` returns a value that is not undefined, or fails after `ms`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error("condition not met in time")
    await Bun.sleep(10)
  }
}
