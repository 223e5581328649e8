import { describe, expect, test } from "bun:test"
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { moveAsideCorrupt, readJsonFile, updateJsonFile, writeJsonFileAtomic } from "~/auth/credential-file"
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

  test("a symlinked file is updated at its target and stays a symlink", () => {
    const dir = tempDir()
    const target = join(dir, "dotfiles", "credentials.json")
    mkdirSync(join(dir, "dotfiles"))
    writeFileSync(target, JSON.stringify({ v: 1, keep: true }))
    const link = join(dir, ".credentials.json")
    symlinkSync("dotfiles/credentials.json", link)
    updateJsonFile(link, (data) => ({ ...data, v: 2 }))
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ v: 2, keep: true })
    expect(readdirSync(join(dir, "dotfiles"))).toEqual(["credentials.json"])
  })

  test("a dangling symlink gets its target created", () => {
    const dir = tempDir()
    const link = join(dir, "auth.json")
    symlinkSync(join(dir, "real.json"), link)
    writeJsonFileAtomic(link, { a: 1 })
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, "real.json"), "utf8"))).toEqual({ a: 1 })
  })

  for (const code of ["EBUSY", "EXDEV"]) {
    test(`a file that cannot be renamed over (${code}, a single-file bind mount) is rewritten in place`, () => {
      const path = join(tempDir(), "auth.json")
      writeFileSync(path, JSON.stringify({ old: "a much longer old content than the new one", n: 1 }), { mode: 0o644 })
      const inode = statSync(path).ino
      const refuse = () => {
        throw Object.assign(new Error(`${code}: resource busy or locked, rename`), { code })
      }
      writeJsonFileAtomic(path, { n: 2 }, refuse)
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ n: 2 })
      expect(statSync(path).ino).toBe(inode)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(readdirSync(join(path, ".."))).toEqual(["auth.json"])
    })
  }

  test("other rename failures still fail, leaving the file and no temp file", () => {
    const path = join(tempDir(), "auth.json")
    writeFileSync(path, "{}")
    const refuse = () => {
      throw Object.assign(new Error("EACCES"), { code: "EACCES" })
    }
    expect(() => writeJsonFileAtomic(path, { n: 2 }, refuse)).toThrow("EACCES")
    expect(readFileSync(path, "utf8")).toBe("{}")
    expect(readdirSync(join(path, ".."))).toEqual(["auth.json"])
  })

  test("a corrupt file is moved aside with a timestamp", () => {
    const path = join(tempDir(), "auth.json")
    writeFileSync(path, "{not json")
    const aside = moveAsideCorrupt(path, new Date("2026-03-04T05:06:07.089Z"))
    expect(aside).toBe(`${path}.corrupt-2026-03-04T05-06-07-089Z`)
    expect(existsSync(path)).toBe(false)
    expect(readFileSync(aside, "utf8")).toBe("{not json")
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
