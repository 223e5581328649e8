import type { Database } from "bun:sqlite"

const DAY_MS = 86_400_000

/** Deletes rows older than `days` (none when days is 0); returns how many went. */
export function deleteExpiredRows(db: Database, days: number, now = Date.now()): number {
  if (days <= 0) return 0
  return db.run("DELETE FROM access_logs WHERE timestamp < ?", [now - days * DAY_MS]).changes
}
