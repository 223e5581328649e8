import { describe, expect, test } from "bun:test"
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { readJsonFile, updateJsonFile, writeJsonFileAtomic } from "~/auth/credential-file"
import { CredentialFileError } from "~/auth/errors"
import { WatchedJsonFile } from "~/auth/watched-json-file"
import { tempDir } from "../helpers/oauth-fakes"

describe("credential files", () => {
  test("a missing or empty file is 'not logged in', not an error", () => {
    const dir = tempDir()
    expect(readJsonFile(join(dir, "absent.json"))).toBeUndefined()
    writeFileSync(join(dir, "empty.json"), "  \n")
    expect(readJsonFile(join(dir, "empty.json"))).toBeUndefined()
  })

  test("a corrupt file is a clear error naming it, and an update never overwrites it", () => {
    const path = join(tempDir(), "creds.json")
    for (const garbage of ['{"claudeAiOauth": {"accessToken": "abc"', "[1,2]", "null"]) {
      writeFileSync(path, garbage)
      expect(() => readJsonFile(path)).toThrow(CredentialFileError)
      expect(() => readJsonFile(path)).toThrow(path)
      expect(() => updateJsonFile(path, () => ({ fresh: true }))).toThrow(CredentialFileError)
      expect(readFileSync(path, "utf8")).toBe(garbage)
    }
  })

  test("writes are atomic, mode 0600, in a created folder, with no temp file left", () => {
    const dir = tempDir()
    const path = join(dir, "nested", "auth.json")
    writeJsonFileAtomic(path, { a: 1 })
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ a: 1 })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    chmodSync(path, 0o644)
    writeJsonFileAtomic(path, { a: 2 })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(dir, "nested"))).toEqual(["auth.json"])
  })

  test("updates keep keys they do not touch", () => {
    const path = join(tempDir(), "creds.json")
    writeFileSync(path, JSON.stringify({ mine: { token: "old", extra: 1 }, theirs: { keep: true } }))
    updateJsonFile(path, (data) => ({ ...data, mine: { ...(data.mine as object), token: "new" } }))
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ mine: { token: "new", extra: 1 }, theirs: { keep: true } })
  })

  test("a watched file is read again when it changes on disk, or when asked", () => {
    const path = join(tempDir(), "creds.json")
    const watched = new WatchedJsonFile(path)
    expect(watched.read()).toBeUndefined()
    writeJsonFileAtomic(path, { v: 1 })
    expect(watched.read()).toEqual({ v: 1 })
    writeJsonFileAtomic(path, { v: 22 })
    expect(watched.read()).toEqual({ v: 22 })
    expect(watched.read(true)).toEqual({ v: 22 })
  })
})
