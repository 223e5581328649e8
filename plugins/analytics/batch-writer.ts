import type { Database } from "bun:sqlite"
import type { Logger } from "~/core/log"
import { ROW_COLUMNS, type AnalyticsRow } from "./row"

export interface BatchOptions {
  batchSize: number
  flushIntervalSeconds: number
  maxPending: number
}

/**
 * Collects rows in memory and writes them in one transaction every interval, or as soon as
 * a batch is full (on a later tick, never inside the caller). Rows that fail to write (say
 * another process holds the lock) are kept and retried on the interval, up to `maxPending`;
 * beyond that the oldest are dropped and counted.
 */
export class BatchWriter {
  written = 0
  dropped = 0
  private pending: AnalyticsRow[] = []
  private flushQueued = false
  private failing = false
  private closed = false
  private readonly timer: ReturnType<typeof setInterval>
  private readonly insertAll: (rows: AnalyticsRow[]) => void

  constructor(
    db: Database,
    private readonly options: BatchOptions,
    private readonly log: Logger,
  ) {
    const insert = db.prepare(`INSERT INTO access_logs (${ROW_COLUMNS.join(", ")}) VALUES (${ROW_COLUMNS.map((column) => `$${column}`).join(", ")})`)
    this.insertAll = db.transaction((rows: AnalyticsRow[]) => {
      for (const row of rows) insert.run(row as never)
    })
    this.timer = setInterval(() => this.flush(), options.flushIntervalSeconds * 1000)
    this.timer.unref?.()
  }

  get pendingCount(): number {
    return this.pending.length
  }

  add(row: AnalyticsRow): void {
    if (this.closed) return
    this.pending.push(row)
    this.trimPending()
    if (this.pending.length >= this.options.batchSize && !this.flushQueued && !this.failing) {
      this.flushQueued = true
      setImmediate(() => {
        this.flushQueued = false
        this.flush()
      })
    }
  }

  /** Writes everything pending now; returns how many rows were written. */
  flush(): number {
    if (this.pending.length === 0) return 0
    const rows = this.pending
    this.pending = []
    try {
      this.insertAll(rows)
      this.written += rows.length
      if (this.failing) this.log.info("analytics rows are being written again")
      this.failing = false
      return rows.length
    } catch (error) {
      this.pending = rows.concat(this.pending)
      this.trimPending()
      if (!this.failing) this.log.warn(`cannot write ${rows.length} analytics rows; retrying every ${this.options.flushIntervalSeconds} s`, error)
      this.failing = true
      return 0
    }
  }

  /** Forgets rows not yet written (for a reset). */
  discardPending(): void {
    this.pending = []
  }

  close(): void {
    clearInterval(this.timer)
    this.flush()
    this.closed = true
  }

  private trimPending(): void {
    const excess = this.pending.length - this.options.maxPending
    if (excess <= 0) return
    this.pending.splice(0, excess)
    if (this.dropped === 0) this.log.warn(`analytics rows are piling up unwritten; dropping the oldest beyond ${this.options.maxPending}`)
    this.dropped += excess
  }
}
