import { expect, test } from "bun:test"
import { closeSync, openSync, statSync } from "node:fs"
import { openAnalyticsDatabase } from "../../../plugins/analytics/database"
import { tempDatabasePath } from "./helpers"

const mode = (path: string) => statSync(path).mode & 0o777

test("the database and its -wal and -shm files are 0600, even under a permissive umask", () => {
  const previous = process.umask(0o022)
  try {
    const path = tempDatabasePath()
    const db = openAnalyticsDatabase(path)
    db.run("INSERT INTO access_logs (timestamp, request_id) VALUES (1, 'x')")
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file)).toBe(0o600)
    db.close()
  } finally {
    process.umask(previous)
  }
})

test("a database file left world-readable by an older version is tightened on open", () => {
  const path = tempDatabasePath()
  closeSync(openSync(path, "w", 0o644))
  const db = openAnalyticsDatabase(path)
  expect(mode(path)).toBe(0o600)
  db.close()
})
