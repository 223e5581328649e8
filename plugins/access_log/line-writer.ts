import { appendFile, mkdir } from "node:fs/promises"
import { dirname } from "node:path"

/**
 * Buffers lines and writes them to stdout ("-") or appends them to a file, when the
 * buffer is full or every `flushIntervalSeconds`; `close` writes what is left.
 */
export class LineWriter {
  private lines: string[] = []
  private timer: ReturnType<typeof setInterval>
  private writing: Promise<void> = Promise.resolve()

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
    await mkdir(dirname(this.target), { recursive: true })
    await appendFile(this.target, text, { mode: 0o600 })
  }
}
