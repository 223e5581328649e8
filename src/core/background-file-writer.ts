import { mkdir, writeFile } from "node:fs/promises"
import { dirname } from "node:path"

/**
 * Writes whole files (mode 0600, directories 0700) one after another, off the caller's
 * path: `write` returns at once. A disk slower than the traffic makes the queue grow up to
 * `maxPending` files; beyond that files are dropped and counted rather than held in memory.
 */
export class BackgroundFileWriter {
  written = 0
  dropped = 0
  failed = 0
  private pending = 0
  private queue: Promise<void> = Promise.resolve()
  private readonly createdDirs = new Set<string>()

  constructor(private readonly options: { maxPending: number; onError?: (path: string, error: unknown) => void }) {}

  write(path: string, text: string | Uint8Array): void {
    if (this.pending >= this.options.maxPending) {
      this.dropped++
      return
    }
    this.pending++
    this.queue = this.queue
      .then(() => this.output(path, text))
      .then(
        () => void this.written++,
        (error) => {
          this.failed++
          this.options.onError?.(path, error)
        },
      )
      .finally(() => void this.pending--)
  }

  /** Resolves once everything queued so far is on disk (or has failed). */
  idle(): Promise<void> {
    return this.queue
  }

  private async output(path: string, text: string | Uint8Array): Promise<void> {
    const dir = dirname(path)
    if (!this.createdDirs.has(dir)) {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      this.createdDirs.add(dir)
    }
    await writeFile(path, text, { mode: 0o600 })
  }
}

/** A request id made safe as a file name prefix (ids from `x-request-id` are already limited to `[\w.:-]`). */
export function fileSafeId(id: string | undefined): string {
  const safe = (id ?? "unknown").replace(/[^\w.-]/g, "_").replace(/^\.+/, "_")
  return safe.slice(0, 128) || "unknown"
}
