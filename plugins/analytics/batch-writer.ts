import type { Logger } from "~/core/log"
import type { AnalyticsRow } from "./row"

export interface BatchOptions {
  batchSize: number
  flushIntervalSeconds: number
  maxPending: number
}

/** Where batches go: the analytics worker, which inserts them in one transaction each. */
export interface RowSink {
  insert(rows: readonly AnalyticsRow[]): Promise<number>
}

/**
 * Collects rows in memory and hands them to the sink every interval, or as soon as a batch is
 * full (on a later tick, never inside the caller), one batch at a time so rows land in order.
 * A batch that fails (say another process holds the lock) goes back to the front and is retried
 * on the interval, up to `maxPending` rows; beyond that the oldest are dropped and counted.
 */
export class BatchWriter {
  written = 0
  dropped = 0
  /** Why the last batch failed, until one succeeds (batches then wait for the interval). */
  lastError: string | undefined
  private pending: AnalyticsRow[] = []
  private writing: AnalyticsRow[] | undefined
  /** Counts resets: a batch that fails after one does not come back. */
  private resets = 0
  private inFlight: Promise<void> = Promise.resolve()
  private flushQueued = false
  private closed = false
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    private readonly sink: RowSink,
    private readonly options: BatchOptions,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalSeconds * 1000)
    this.timer.unref?.()
  }

  /** Rows not yet written: waiting, and the batch being written. */
  get pendingCount(): number {
    return this.pending.length + (this.writing?.length ?? 0)
  }

  add(row: AnalyticsRow): void {
    if (this.closed) return
    this.pending.push(row)
    this.trimPending()
    if (this.pending.length >= this.options.batchSize) this.queueFlush()
  }

  /** Hands everything pending to the sink (unless a batch is on its way); resolves when that batch is done. */
  flush(): Promise<void> {
    if (this.writing || this.pending.length === 0) return this.inFlight
    const rows = (this.writing = this.pending)
    this.pending = []
    const resets = this.resets
    this.inFlight = this.insert(rows).then(
      (count) => {
        this.written += count
        if (this.lastError !== undefined) this.log.info("analytics rows are being written again")
        this.lastError = undefined
        this.writing = undefined
        // Rows that came while this batch was written: a full batch goes at once.
        if (this.pending.length >= this.options.batchSize) this.queueFlush()
      },
      (error: unknown) => {
        this.writing = undefined
        if (resets === this.resets) this.pending = rows.concat(this.pending)
        this.trimPending()
        if (this.lastError === undefined) this.log.warn(`cannot write ${rows.length} analytics rows; retrying every ${this.options.flushIntervalSeconds} s`, error)
        this.lastError = String((error as Error)?.message ?? error)
      },
    )
    return this.inFlight
  }

  /** Forgets rows not yet written (for a reset, which the sink runs after the batch on its way; that batch is not retried if it fails). */
  discardPending(): void {
    this.pending = []
    this.resets++
  }

  /** Writes what is left (one more try for a failing batch) and stops. */
  async close(): Promise<void> {
    clearInterval(this.timer)
    this.closed = true
    await this.inFlight
    await this.flush()
  }

  /** The sink's insert, with a synchronous throw (a worker that cannot start) made a failed batch. */
  private insert(rows: AnalyticsRow[]): Promise<number> {
    try {
      return this.sink.insert(rows)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  private queueFlush(): void {
    if (this.flushQueued || this.lastError !== undefined) return
    this.flushQueued = true
    setImmediate(() => {
      this.flushQueued = false
      void this.flush()
    })
  }

  private trimPending(): void {
    const excess = this.pending.length - this.options.maxPending
    if (excess <= 0) return
    this.pending.splice(0, excess)
    if (this.dropped === 0) this.log.warn(`analytics rows are piling up unwritten; dropping the oldest beyond ${this.options.maxPending}`)
    this.dropped += excess
  }
}
