/**
 * The release script on this machine's target only (all five take a minute), plus the archive
 * writers checked against the system's own tar and unzip.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { tarArchive, tarGzArchive } from "../../scripts/archive/tar-gz"
import { zipArchive } from "../../scripts/archive/zip"
import { TARGETS, type Target } from "../../scripts/build"
import { archiveName, checksumsText, sha256Hex } from "../../scripts/release"
import { REPO_ROOT } from "../helpers/cli"

const VERSION = "9.8.7-test"
const HOST = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}` as Target
const work = mkdtempSync(join(tmpdir(), "ccproxy-release-"))
const dist = join(work, "dist")

afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(command: string[], cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn(command, { cwd, stdout: "pipe", stderr: "pipe" })
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()])
  return { code, stdout, stderr }
}

const script = new TextEncoder().encode("#!/bin/sh\necho fake ccproxy\n")

describe("archive writers", () => {
  test("tar: ustar headers system tar reads, executable bit kept, same bytes every time", async () => {
    const tar = tarArchive([{ name: "ccproxy", data: script, mode: 0o755 }])
    expect(tar.length % 10240).toBe(0)
    expect(new TextDecoder().decode(tar.slice(257, 262))).toBe("ustar")
    expect(sha256Hex(tarGzArchive([{ name: "ccproxy", data: script, mode: 0o755 }]))).toBe(sha256Hex(tarGzArchive([{ name: "ccproxy", data: script, mode: 0o755 }])))
    const folder = join(work, "tar-check")
    mkdirSync(folder)
    writeFileSync(join(folder, "a.tar.gz"), tarGzArchive([{ name: "ccproxy", data: script, mode: 0o755 }]))
    expect((await run(["tar", "-xzf", "a.tar.gz"], folder)).code).toBe(0)
    expect(statSync(join(folder, "ccproxy")).mode & 0o777).toBe(0o755)
    expect((await run([join(folder, "ccproxy")])).stdout).toBe("fake ccproxy\n")
  })

  test.skipIf(!Bun.which("unzip"))("zip: unzip -t passes and extracts the same bytes with the mode", async () => {
    const folder = join(work, "zip-check")
    mkdirSync(folder)
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 251)
    writeFileSync(join(folder, "a.zip"), zipArchive([{ name: "ccproxy.exe", data: script, mode: 0o755 }, { name: "data.bin", data: big, mode: 0o644 }]))
    const tested = await run(["unzip", "-t", "a.zip"], folder)
    expect(tested.stdout).toContain("No errors detected")
    expect((await run(["unzip", "-q", "a.zip"], folder)).code).toBe(0)
    expect(new Uint8Array(readFileSync(join(folder, "data.bin")))).toEqual(big)
    expect(statSync(join(folder, "ccproxy.exe")).mode & 0o777).toBe(0o755)
  })
})

describe("names and checksums", () => {
  test("archive names per target", () => {
    expect(TARGETS.map((target) => archiveName(target, "1.2.3"))).toEqual([
      "ccproxy-1.2.3-linux-x64.tar.gz",
      "ccproxy-1.2.3-linux-arm64.tar.gz",
      "ccproxy-1.2.3-darwin-x64.tar.gz",
      "ccproxy-1.2.3-darwin-arm64.tar.gz",
      "ccproxy-1.2.3-windows-x64.zip",
    ])
  })

  test("SHA256SUMS is sha256sum's format, sorted by file name", () => {
    const text = checksumsText([
      { path: "/d/b.zip", sha256: "b".repeat(64) },
      { path: "/d/a.tar.gz", sha256: "a".repeat(64) },
    ])
    expect(text).toBe(`${"a".repeat(64)}  a.tar.gz\n${"b".repeat(64)}  b.zip\n`)
  })
})

describe.skipIf(!TARGETS.includes(HOST))(`bun run release --target ${HOST}`, () => {
  let output: { code: number; stdout: string; stderr: string }
  beforeAll(async () => {
    output = await run([process.execPath, join(REPO_ROOT, "scripts/release.ts"), "--target", HOST, "--out-dir", dist, "--version", VERSION], REPO_ROOT)
  }, 180_000)

  test("writes the archive and SHA256SUMS, and nothing else", () => {
    expect(output.code).toBe(0)
    expect(output.stdout).toContain(archiveName(HOST, VERSION))
    expect(readdirSync(dist).sort()).toEqual([archiveName(HOST, VERSION), "SHA256SUMS"].sort())
  })

  test("SHA256SUMS holds the archive's real hash, and sha256sum -c agrees", async () => {
    const archive = readFileSync(join(dist, archiveName(HOST, VERSION)))
    expect(readFileSync(join(dist, "SHA256SUMS"), "utf8")).toBe(`${sha256Hex(archive)}  ${archiveName(HOST, VERSION)}\n`)
    if (Bun.which("sha256sum")) expect((await run(["sha256sum", "-c", "SHA256SUMS"], dist)).code).toBe(0)
  })

  test.skipIf(HOST.startsWith("windows"))("the archive holds an executable ccproxy that prints the stamped version", async () => {
    const folder = join(work, "extracted")
    mkdirSync(folder)
    expect((await run(["tar", "-xzf", join(dist, archiveName(HOST, VERSION)), "-C", folder])).code).toBe(0)
    expect(readdirSync(folder)).toEqual(["ccproxy"])
    const version = await run([join(folder, "ccproxy"), "--version"])
    expect(version.stdout.trim()).toBe(VERSION)
  })
})
