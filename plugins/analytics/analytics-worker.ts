import type { Database as SqliteDatabase } from "bun:sqlite"
import { dirname } from "node:path"
import { MIGRATIONS, openMigrated, type DatabaseFs } from "./database"
import { ROW_COLUMNS, type AnalyticsRow } from "./row"

type Params = Array<string | number>

type JobBody = { op: "all"; sql: string; params: Params } | { op: "delete"; where: string; params: Params; chunk: number } | { op: "insert"; rows: string }
type Job = JobBody & { id: number }
type Reply = { id: number; result?: unknown; error?: string }

/** The SQL the analytics rows, reports, resets and retention run, off the event loop. */
export interface SqlRunner {
  /** Inserts rows in one transaction; resolves with how many. */
  insert(rows: readonly AnalyticsRow[]): Promise<number>
  all<T>(sql: string, params?: Params): Promise<T[]>
  /** Deletes the rows matching `where` a chunk at a time (so the writer gets the lock in between); returns how many went. */
  deleteWhere(where: string, params?: Params): Promise<number>
}

const DELETE_CHUNK = 5000

/** Where the worker's database is and how to make it. */
interface WorkerSetup {
  path: string
  folder: string
  busyTimeoutMs: number
  columns: readonly string[]
  migrations: readonly (readonly string[])[]
}

/**
 * The worker's whole program. It is sent as source text (see `workerSource`), so it must use
 * nothing from this module's scope: only its arguments and the worker's globals. The database
 * is opened (created, migrated) by the first job; while that fails, each job fails with why.
 */
function workerMain(Database: typeof SqliteDatabase, open: typeof openMigrated, fs: DatabaseFs, setup: WorkerSetup): void {
  let db: SqliteDatabase | undefined
  // Opened by the first job, and tried again by the next one if that failed (a lock held by
  // another process at that moment must not end recording for good).
  const opened = (): SqliteDatabase => {
    if (db) return db
    try {
      db = open(Database, fs, setup.path, setup.folder, setup.migrations)
    } catch (error) {
      throw new Error(`cannot open the analytics database ${setup.path}: ${(error as Error)?.message ?? error}`)
    }
    db.run(`PRAGMA busy_timeout = ${setup.busyTimeoutMs}`)
    return db
  }
  let insertAll: ((rows: unknown[][]) => void) | undefined
  const execute = (job: Job): unknown => {
    const db = opened()
    if (job.op === "all") return db.query(job.sql).all(...(job.params as never[]))
    if (job.op === "insert") {
      if (!insertAll) {
        const insert = db.prepare(`INSERT INTO access_logs (${setup.columns.join(", ")}) VALUES (${setup.columns.map(() => "?").join(", ")})`)
        insertAll = db.transaction((rows: unknown[][]) => {
          for (const values of rows) insert.run(...(values as never[]))
        })
      }
      const rows = JSON.parse(job.rows) as unknown[][]
      insertAll(rows)
      return rows.length
    }
    let deleted = 0
    for (;;) {
      const sql = `DELETE FROM access_logs WHERE id IN (SELECT id FROM access_logs WHERE ${job.where} LIMIT ${job.chunk})`
      const changes = db.run(sql, job.params as never[]).changes
      deleted += changes
      if (changes < job.chunk) return deleted
    }
  }
  const scope = globalThis as unknown as { onmessage: (event: MessageEvent<Job | "close">) => void; close(): void }
  scope.onmessage = (event) => {
    if (event.data === "close") {
      db?.close()
      scope.close()
      return
    }
    const job = event.data
    try {
      postMessage({ id: job.id, result: execute(job) } satisfies Reply)
    } catch (error) {
      postMessage({ id: job.id, error: String((error as Error)?.message ?? error) } satisfies Reply)
    }
  }
}

/**
 * A module worker built from a Blob: `bun build --compile` does not bundle a worker file
 * referenced by `new URL(..., import.meta.url)` (it fails with ModuleNotFound in the binary),
 * while a Blob worker runs the same in the binary, in tests and from source.
 */
function workerSource(setup: WorkerSetup): string {
  return [
    `import { Database } from "bun:sqlite"`,
    `import { chmodSync, mkdirSync } from "node:fs"`,
    `const openMigrated = ${openMigrated.toString()}`,
    `;(${workerMain.toString()})(Database, openMigrated, { chmodSync, mkdirSync }, ${JSON.stringify(setup)})`,
    "",
  ].join("\n")
}

/**
 * A Bun Worker with its own connection to the analytics database, started at the first job:
 * until ccproxy records or reports something, neither the worker nor SQLite costs memory or
 * start-up time. Report queries sort and scan many rows, and every request's row costs an
 * insert; run on the event loop they would take time from every proxied request. Jobs run one
 * at a time, in the order sent.
 */
export class AnalyticsWorker implements SqlRunner {
  private running: { worker: Worker; url: string; ended: Promise<void> } | undefined
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private nextId = 0
  private closed = false

  constructor(
    private readonly path: string,
    private readonly options: { busyTimeoutMs?: number; onStart?: () => void } = {},
  ) {}

  /** Whether the worker has been started (by a first job). */
  get started(): boolean {
    return this.running !== undefined
  }

  insert(rows: readonly AnalyticsRow[]): Promise<number> {
    // Values in column order, as one JSON string: a fraction of what structured-cloning the
    // row objects costs the event loop (about 0.8 µs a row against 2.5-4.5).
    const values = JSON.stringify(rows.map((row) => ROW_COLUMNS.map((column) => row[column])))
    return this.send({ op: "insert", rows: values }) as Promise<number>
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.send({ op: "all", sql, params }) as Promise<T[]>
  }

  deleteWhere(where: string, params: Params = []): Promise<number> {
    return this.send({ op: "delete", where, params, chunk: DELETE_CHUNK }) as Promise<number>
  }

  /** Lets queued jobs finish, then closes the worker's connection and ends it; resolves when it has. */
  close(): Promise<void> {
    const running = this.running
    if (this.closed || !running) {
      this.closed = true
      return running?.ended ?? Promise.resolve()
    }
    this.closed = true
    // Held open until its queued writes are done: an unref'd worker would die with the process.
    running.worker.ref()
    running.worker.postMessage("close")
    URL.revokeObjectURL(running.url)
    return running.ended
  }

  private send(job: JobBody): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("analytics worker is closed"))
    const { worker } = (this.running ??= this.start())
    const id = ++this.nextId
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.postMessage({ ...job, id })
    })
  }

  private start() {
    const setup: WorkerSetup = { path: this.path, folder: dirname(this.path), busyTimeoutMs: this.options.busyTimeoutMs ?? 5000, columns: ROW_COLUMNS, migrations: MIGRATIONS }
    const url = URL.createObjectURL(new Blob([workerSource(setup)], { type: "application/javascript" }))
    const worker = new Worker(url)
    worker.unref()
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data
      const waiter = this.waiting.get(reply.id)
      if (!waiter) return
      this.waiting.delete(reply.id)
      if (reply.error === undefined) waiter.resolve(reply.result)
      else waiter.reject(new Error(reply.error))
    }
    const ended = new Promise<void>((resolve) => worker.addEventListener("close", () => resolve(), { once: true }))
    const running = { worker, url, ended }
    // A worker that dies takes its jobs with it: they fail, and the next job starts a new one.
    worker.onerror = (event) => {
      if (this.running === running) this.running = undefined
      worker.terminate()
      URL.revokeObjectURL(url)
      this.failAll(new Error(`analytics worker failed: ${event.message}`))
    }
    this.options.onStart?.()
    return running
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error)
    this.waiting.clear()
  }
}
