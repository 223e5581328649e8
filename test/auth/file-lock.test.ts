import { describe, expect, test } from "bun:test"
import { existsSync, utimesSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { withFileLock } from "~/auth/file-lock"
import { tempDir } from "../helpers/oauth-fakes"

describe("refresh lock file", () => {
  test("two holders never overlap, and the lock is gone afterwards", async () => {
    const lock = join(tempDir(), "auth.json.lock")
    const events: string[] = []
    const work = (name: string) => async () => {
      events.push(`${name} in`)
      await Bun.sleep(50)
      events.push(`${name} out`)
    }
    await Promise.all([withFileLock(lock, work("a")), withFileLock(lock, work("b"))])
    expect(events).toEqual(["a in", "a out", "b in", "b out"])
    expect(existsSync(lock)).toBe(false)
  })

  test("released when the work throws", async () => {
    const lock = join(tempDir(), "auth.json.lock")
    await expect(withFileLock(lock, async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused")
    expect(existsSync(lock)).toBe(false)
  })

  test("a lock left by a dead process is taken over once stale", async () => {
    const lock = join(tempDir(), "auth.json.lock")
    writeFileSync(lock, "4242 dead\n")
    const old = new Date(Date.now() - 61_000)
    utimesSync(lock, old, old)
    const started = Date.now()
    expect(await withFileLock(lock, async () => "ran")).toBe("ran")
    expect(Date.now() - started).toBeLessThan(1000)
    expect(existsSync(lock)).toBe(false)
  })

  test("a fresh lock held by someone else is waited for", async () => {
    const lock = join(tempDir(), "auth.json.lock")
    writeFileSync(lock, "4242 alive\n")
    setTimeout(() => Bun.file(lock).delete(), 150)
    const started = Date.now()
    await withFileLock(lock, async () => undefined)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  test("where no lock can be created, the work runs unlocked", async () => {
    const lock = join(tempDir(), "missing-folder", "auth.json.lock")
    expect(await withFileLock(lock, async () => "ran")).toBe("ran")
  })
})
