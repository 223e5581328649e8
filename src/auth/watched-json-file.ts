import { statSync } from "node:fs"
import { credentialWrites, readJsonFile, type JsonObject } from "./credential-file"

/** How long a credential file's last look is trusted before it is stat'ed again. */
export const CREDENTIAL_RECHECK_MS = 1000

/**
 * A credential file read again only when it changed on disk (size, mtime or inode), and
 * stat'ed at most once per `recheckMs` (a stat per request was ~6% of a proxied request's
 * CPU). Another program's rewrite is seen within `recheckMs`; `read(true)` (before a refresh,
 * after a 401) and this process's own writes (`credentialWrites`) look at the file at once.
 */
export class WatchedJsonFile {
  private cached: { signature: string; data: JsonObject | undefined; checkedAt: number; writes: number } | undefined

  constructor(
    readonly path: string,
    private readonly recheckMs = CREDENTIAL_RECHECK_MS,
  ) {}

  read(reread = false): JsonObject | undefined {
    const now = performance.now()
    const cached = this.cached
    const writes = credentialWrites()
    if (!reread && cached && cached.writes === writes && now - cached.checkedAt < this.recheckMs) return cached.data
    const signature = this.signature()
    if (!reread && cached && cached.signature === signature) {
      cached.checkedAt = now
      cached.writes = writes
      return cached.data
    }
    const data = readJsonFile(this.path)
    this.cached = { signature, data, checkedAt: now, writes }
    return data
  }

  private signature(): string {
    try {
      const stat = statSync(this.path)
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`
    } catch {
      return "missing"
    }
  }
}
