import { createHash, randomBytes } from "node:crypto"
import { constants } from "node:fs"
import { lstat, mkdir, open, rename, unlink } from "node:fs/promises"
import { basename, dirname, join } from "node:path"

// Not defined on Windows, which has no symlink-following open to guard against here.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * Creates `dir` (0700) if needed and checks it with lstat: a real directory (not a symlink),
 * owned by this user, not writable by group or others. Anything else could let another local
 * user read the files or swap them for symlinks; it is refused with an error saying why.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const stats = await lstat(dir)
  if (stats.isSymbolicLink()) throw new Error(`${dir} is a symlink; use the real directory`)
  if (!stats.isDirectory()) throw new Error(`${dir} is not a directory`)
  const uid = process.getuid?.()
  if (uid !== undefined && stats.uid !== uid) throw new Error(`${dir} is owned by uid ${stats.uid}, not by this user (${uid})`)
  if (uid !== undefined && (stats.mode & 0o022) !== 0) throw new Error(`${dir} is writable by group or others (mode ${(stats.mode & 0o777).toString(8)}); chmod 700 it`)
}

/**
 * Writes `text` to `path` as a new 0600 file: a fresh temporary name opened with
 * O_CREAT|O_EXCL|O_NOFOLLOW, then renamed over `path` (a rename replaces a symlink, never
 * writes through it).
 */
export async function writePrivateFile(path: string, text: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`)
  const file = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600)
  try {
    await file.writeFile(text)
  } catch (error) {
    await file.close()
    await unlink(temp).catch(() => {})
    throw error
  }
  await file.close()
  await rename(temp, path).catch(async (error) => {
    await unlink(temp).catch(() => {})
    throw error
  })
}

/**
 * Writes whole files (mode 0600, directories 0700 and checked) one after another, off the
 * caller's path: `write` returns at once. A disk slower than the traffic makes the queue grow
 * up to `maxPending` files; beyond that files are dropped and counted rather than held in memory.
 */
export class BackgroundFileWriter {
  written = 0
  dropped = 0
  failed = 0
  private pending = 0
  private closed = false
  private queue: Promise<void> = Promise.resolve()
  private readonly checkedDirs = new Set<string>()

  constructor(private readonly options: { maxPending: number; onError?: (path: string, error: unknown) => void }) {}

  write(path: string, text: string | Uint8Array): void {
    if (this.closed || this.pending >= this.options.maxPending) {
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

  /** Stops taking files (later ones are dropped and counted), then waits until the queue is empty. */
  async close(): Promise<void> {
    this.closed = true
    while (this.pending > 0) await this.queue
  }

  private async output(path: string, text: string | Uint8Array): Promise<void> {
    const dir = dirname(path)
    if (!this.checkedDirs.has(dir)) {
      await ensurePrivateDir(dir)
      this.checkedDirs.add(dir)
    }
    await writePrivateFile(path, text)
  }
}

/** A request id made safe as a file name prefix: only `[\w.-]`, no leading dot, at most 64 characters. */
export function fileSafeId(id: string | undefined): string {
  const safe = (id ?? "unknown").replace(/[^\w.-]/g, "_").replace(/^\.+/, "_")
  return safe.slice(0, 64) || "unknown"
}

// Per process: names cannot be guessed in advance by whoever picks the x-request-id.
const NAME_KEY = randomBytes(16)

/**
 * The file name stem of a request's files: the sanitised id the client chose, plus a suffix
 * the server derives from it with a per-process secret. All files of one request share it;
 * a client cannot predict it to plant a file or symlink under that name.
 * @example requestFileStem("req-1") // "req-1_3f9a0c2b7d1e"
 */
export function requestFileStem(id: string | undefined): string {
  const suffix = createHash("sha256").update(NAME_KEY).update(id ?? "").digest("hex").slice(0, 12)
  return `${fileSafeId(id)}_${suffix}`
}
