import type { SqlRunner } from "./analytics-worker"

const DAY_MS = 86_400_000

/** Deletes rows older than `days` (none when days is 0), in chunks off the event loop; returns how many went. */
export async function deleteExpiredRows(sql: SqlRunner, days: number, now = Date.now()): Promise<number> {
  if (days <= 0) return 0
  return sql.deleteWhere("timestamp < ?", [now - days * DAY_MS])
}
