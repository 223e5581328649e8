import { randomBytes } from "node:crypto"
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs"

export interface FileLockOptions {
  /** A lock older than this was left by a process that died holding it, and is taken over. */
  staleMs?: number
  /** How often to look again while another process holds the lock. */
  pollMs?: number
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException)?.code

/**
 * Runs `work` while holding `lockPath`, a file created with O_EXCL, so two ccproxy processes
 * never refresh the same credentials at once. Waits while another process holds it; always
 * released. Where no lock file can be created at all (a read-only folder), `work` runs unlocked.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquire(lockPath, options.staleMs ?? 60_000, options.pollMs ?? 50)
  try {
    return await work()
  } finally {
    release()
  }
}

async function acquire(lockPath: string, staleMs: number, pollMs: number): Promise<() => void> {
  const owner = `${process.pid} ${randomBytes(8).toString("hex")}\n`
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx", 0o600)
      try {
        writeSync(fd, owner)
      } finally {
        closeSync(fd)
      }
      return () => releaseIfOwned(lockPath, owner)
    } catch (error) {
      if (errorCode(error) !== "EEXIST") return () => {}
    }
    if (isStale(lockPath, staleMs)) rmSync(lockPath, { force: true })
    else await Bun.sleep(pollMs)
  }
}

function isStale(lockPath: string, staleMs: number): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > staleMs
  } catch {
    return false
  }
}

/** A lock taken over as stale belongs to someone else now and stays. */
function releaseIfOwned(lockPath: string, owner: string): void {
  try {
    if (readFileSync(lockPath, "utf8") === owner) rmSync(lockPath, { force: true })
  } catch {
    // already gone
  }
}
