import { constants } from "node:fs"
import { open } from "node:fs/promises"
import { dirname } from "node:path"
import { ensurePrivateDir } from "~/core/background-file-writer"

// Not defined on Windows.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * Buffers lines and writes them to stdout ("-") or appends them to a file, when the
 * buffer is full or every `flushIntervalSeconds`; `close` writes what is left.
 */
export class LineWriter {
  private lines: string[] = []
  private timer: ReturnType<typeof setInterval>
  private writing: Promise<void> = Promise.resolve()
  private dirChecked = false

  constructor(
    private readonly target: string,
    private readonly bufferSize: number,
    flushIntervalSeconds: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushIntervalSeconds * 1000)
    this.timer.unref?.()
  }

  write(line: string): void {
    this.lines.push(line)
    if (this.lines.length >= this.bufferSize) void this.flush()
  }

  flush(): Promise<void> {
    if (this.lines.length === 0) return this.writing
    const text = this.lines.join("\n") + "\n"
    this.lines = []
    this.writing = this.writing.then(() => this.output(text)).catch((error) => console.error(`access_log: cannot write ${this.target}: ${(error as Error).message}`))
    return this.writing
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flush()
  }

  private async output(text: string): Promise<void> {
    if (this.target === "-") {
      process.stdout.write(text)
      return
    }
    if (!this.dirChecked) {
      await ensurePrivateDir(dirname(this.target))
      this.dirChecked = true
    }
    // O_NOFOLLOW: a symlink planted at the log's name is refused, not written through.
    const file = await open(this.target, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW, 0o600)
    try {
      const stats = await file.stat()
      const uid = process.getuid?.()
      if (!stats.isFile() || (uid !== undefined && stats.uid !== uid)) throw new Error(`${this.target} is not a regular file owned by this user`)
      await file.appendFile(text)
    } finally {
      await file.close()
    }
  }
}
