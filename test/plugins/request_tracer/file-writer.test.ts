import { expect, test } from "bun:test"
import { existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { BackgroundFileWriter } from "~/core/background-file-writer"

test("close stops taking files, then drains everything queued before it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "writer-"))
  const writer = new BackgroundFileWriter({ maxPending: 1000 })
  for (let i = 0; i < 50; i++) writer.write(join(dir, `a-${i}.txt`), `file ${i}`)
  const closing = writer.close()
  writer.write(join(dir, "late.txt"), "too late")
  await closing
  expect(writer.written).toBe(50)
  expect(writer.dropped).toBe(1)
  expect(readFileSync(join(dir, "a-49.txt"), "utf8")).toBe("file 49")
  expect(existsSync(join(dir, "late.txt"))).toBe(false)
})
