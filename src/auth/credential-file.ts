import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs"
import { randomBytes } from "node:crypto"
import { basename, dirname, join } from "node:path"
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

/**
 * Replaces the file atomically: a 0600 temp file in the same folder, fsync, rename. A reader
 * (Claude Code, the Codex CLI, another ccproxy) sees the old or the new file, never half of one.
 */
export function writeJsonFileAtomic(path: string, data: JsonObject): void {
  const folder = dirname(path)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`)
  const fd = openSync(temp, "wx", 0o600)
  try {
    writeSync(fd, JSON.stringify(data, null, 2) + "\n")
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
  closeSync(fd)
  try {
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncFolder(folder)
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
  rmSync(path, { force: true })
}
