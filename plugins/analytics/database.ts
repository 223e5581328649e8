import { Database } from "bun:sqlite"
import { chmodSync, mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { expandHome } from "~/config/expand-home"
import { xdgDataHome } from "~/config/paths"

/** One list of statements per schema version; append, never edit a released one. */
export const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE access_logs (
      id INTEGER PRIMARY KEY,
      timestamp INTEGER NOT NULL,
      request_id TEXT NOT NULL,
      method TEXT,
      path TEXT,
      provider TEXT,
      endpoint TEXT,
      client_format TEXT,
      provider_format TEXT,
      model TEXT,
      upstream_model TEXT,
      status_code INTEGER,
      streaming INTEGER,
      duration_ms REAL,
      upstream_duration_ms REAL,
      ttft_ms REAL,
      tokens_input INTEGER,
      tokens_output INTEGER,
      tokens_cache_read INTEGER,
      tokens_cache_write INTEGER,
      tokens_reasoning INTEGER,
      cost_usd REAL,
      error_type TEXT,
      conversion_warnings TEXT
    )`,
    "CREATE INDEX access_logs_timestamp ON access_logs (timestamp)",
  ],
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** `database_path`, or `$XDG_DATA_HOME/ccproxy/analytics.db` when it is empty. */
export function analyticsDatabasePath(configured = "", env = process.env): string {
  return configured ? expandHome(configured, env) : join(xdgDataHome(env), "ccproxy", "analytics.db")
}

/** What `openMigrated` needs from node:fs, passed in so the function can run inside the worker. */
export interface DatabaseFs {
  mkdirSync(path: string, options: { recursive: true; mode: number }): unknown
  chmodSync(path: string, mode: number): void
}

/**
 * Opens (creating it and its folder if needed) the analytics database at `path` in WAL mode,
 * migrated through `migrations`, its files made 0600 (they hold prompts' metadata; SQLite gives
 * new -wal/-shm files the database's mode). Self-contained: it uses only its arguments, because
 * the analytics worker runs it from its source text.
 */
export function openMigrated(SqliteDatabase: typeof Database, fs: DatabaseFs, path: string, folder: string, migrations: readonly (readonly string[])[]): Database {
  const restrictModes = () => {
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      try {
        fs.chmodSync(file, 0o600)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error
      }
    }
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  const db = new SqliteDatabase(path, { create: true, strict: true })
  try {
    restrictModes()
    db.run("PRAGMA journal_mode = WAL")
    // WAL with synchronous=NORMAL is durable across process crashes; only a power loss can drop the last commits.
    db.run("PRAGMA synchronous = NORMAL")
    db.run("PRAGMA busy_timeout = 2000")
    db.run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    const current = db.query<{ version: number | null }, []>("SELECT MAX(version) AS version FROM schema_version").get()?.version ?? 0
    if (current > migrations.length) throw new Error(`${path} has analytics schema version ${current}; this ccproxy knows up to ${migrations.length}`)
    db.transaction(() => {
      for (let version = current; version < migrations.length; version++) {
        for (const statement of migrations[version]!) db.run(statement)
        db.run("INSERT INTO schema_version (version) VALUES (?)", [version + 1])
      }
    })()
    restrictModes()
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** The analytics database, opened and migrated on this thread (tools and tests; the plugin's worker opens its own). */
export function openAnalyticsDatabase(path: string): Database {
  return openMigrated(Database, { mkdirSync, chmodSync }, path, dirname(path), MIGRATIONS)
}

/** A read-only handle for reporting (`ccproxy usage`); undefined when nothing was ever recorded. */
export function openAnalyticsReadOnly(path: string): Database | undefined {
  let db: Database
  try {
    db = new Database(path, { readonly: true, strict: true })
  } catch {
    return undefined
  }
  db.run("PRAGMA busy_timeout = 5000")
  const table = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'access_logs'").get()
  if (table) return db
  db.close()
  return undefined
}
