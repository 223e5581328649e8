import { expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { writeJsonFileAtomic } from "../../src/auth/credential-file"
import { WatchedJsonFile } from "../../src/auth/watched-json-file"

const fresh = () => join(mkdtempSync(join(tmpdir(), "watched-")), "creds.json")

test("another program's rewrite is seen after the recheck interval, or at once with reread", async () => {
  const path = fresh()
  writeFileSync(path, JSON.stringify({ token: "a" }))
  const file = new WatchedJsonFile(path, 80)
  expect(file.read()).toEqual({ token: "a" })
  writeFileSync(path, JSON.stringify({ token: "bb" }))
  expect(file.read()).toEqual({ token: "a" }) // within the interval: the cached record, no stat
  expect(file.read(true)).toEqual({ token: "bb" }) // before a refresh, after a 401
  writeFileSync(path, JSON.stringify({ token: "ccc" }))
  await Bun.sleep(100)
  expect(file.read()).toEqual({ token: "ccc" })
})

test("this process's own writes are seen at once", () => {
  const path = fresh()
  writeJsonFileAtomic(path, { token: "a" })
  const file = new WatchedJsonFile(path, 60_000)
  expect(file.read()).toEqual({ token: "a" })
  writeJsonFileAtomic(path, { token: "b" })
  expect(file.read()).toEqual({ token: "b" })
})
