import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, writeSync } from "node:fs"
import { randomBytes } from "node:crypto"
import { basename, dirname, join, resolve } from "node:path"
import { CredentialFileError } from "./errors"

export type JsonObject = Record<string, unknown>

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT"
}

/**
 * A credential JSON file's object; undefined when the file does not exist or is empty
 * (not logged in). Anything else that is not a JSON object is a CredentialFileError.
 */
export function readJsonFile(path: string): JsonObject | undefined {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    if (isMissing(error)) return undefined
    throw new CredentialFileError(path, (error as Error).message, { cause: error })
  }
  if (text.trim() === "") return undefined
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new CredentialFileError(path, `invalid JSON (${(error as Error).message})`, { cause: error })
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new CredentialFileError(path, "expected a JSON object")
  return data as JsonObject
}

/** The file a path names once symlinks are followed, even when the final target does not exist yet. */
export function resolveSymlinks(path: string): string {
  let current = resolve(path)
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current
    } catch {
      return current
    }
    current = resolve(dirname(current), readlinkSync(current))
  }
  return current
}

/** A file that is a mount point (a single-file bind mount in a container) cannot be renamed over. */
const cannotRenameOver = (error: unknown) => ["EBUSY", "EXDEV"].includes((error as NodeJS.ErrnoException)?.code ?? "")

/**
 * Replaces the file atomically: a 0600 temp file in the same folder, fsync, rename. A reader
 * (Claude Code, the Codex CLI, another ccproxy) sees the old or the new file, never half of one.
 * A symlink is followed, so its target is updated and the link stays. When the file cannot be
 * renamed over (EBUSY, EXDEV), it is rewritten in place instead. `rename` is for tests.
 */
let writes = 0

/** Counts this process's writes, renames and removals of credential files, so cached reads know to look again. */
export function credentialWrites(): number {
  return writes
}

export function writeJsonFileAtomic(path: string, data: JsonObject, rename: (from: string, to: string) => void = renameSync): void {
  writes++
  const target = resolveSymlinks(path)
  const folder = dirname(target)
  const text = JSON.stringify(data, null, 2) + "\n"
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`)
  writeDurably(temp, "wx", text)
  try {
    rename(temp, target)
  } catch (error) {
    rmSync(temp, { force: true })
    if (!cannotRenameOver(error)) throw error
    writeDurably(target, "w", text)
  }
  syncFolder(folder)
}

/** Writes `text` with mode 0600 and fsyncs it; `w` truncates an existing file, `wx` insists on a new one. */
function writeDurably(path: string, flags: "w" | "wx", text: string): void {
  const fd = openSync(path, flags, 0o600)
  try {
    if (flags === "w") restrictMode(fd)
    writeSync(fd, text)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    if (flags === "wx") rmSync(path, { force: true })
    throw error
  }
  closeSync(fd)
}

/** An existing file keeps its mode with `w`; narrowing it may be refused (another owner), which must not stop the write. */
function restrictMode(fd: number): void {
  try {
    fchmodSync(fd, 0o600)
  } catch {
    // best effort
  }
}

/** Makes the rename durable; not every platform can open a folder, which is fine. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, "r")
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // best effort
  }
}

/**
 * Re-reads the file, lets `change` edit its object (unknown keys stay), and writes it back.
 * A corrupt file throws before anything is written.
 */
export function updateJsonFile(path: string, change: (data: JsonObject) => JsonObject): JsonObject {
  const updated = change(readJsonFile(path) ?? {})
  writeJsonFileAtomic(path, updated)
  return updated
}

export function removeFile(path: string): void {
  writes++
  rmSync(path, { force: true })
}

/** Renames an unusable file to `<file>.corrupt-<timestamp>` so a new login can start afresh; returns the new name. */
export function moveAsideCorrupt(path: string, now = new Date()): string {
  const target = resolveSymlinks(path)
  const aside = `${target}.corrupt-${now.toISOString().replace(/[:.]/g, "-")}`
  writes++
  renameSync(target, aside)
  return aside
}
