import { statSync } from "node:fs"
import { readJsonFile, type JsonObject } from "./credential-file"

/**
 * A credential file read again only when it changed on disk (size, mtime or inode), so
 * checking it on every request costs one stat.
 */
export class WatchedJsonFile {
  private cached: { signature: string; data: JsonObject | undefined } | undefined

  constructor(readonly path: string) {}

  read(reread = false): JsonObject | undefined {
    const signature = this.signature()
    if (!reread && this.cached && this.cached.signature === signature) return this.cached.data
    const data = readJsonFile(this.path)
    this.cached = { signature, data }
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
