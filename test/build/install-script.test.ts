/**
 * scripts/install.sh against a local release server (GitHub's URL layout on 127.0.0.1) serving
 * small archives made by the release code, each holding a fake `ccproxy` shell script.
 */
import { afterAll, describe, expect, test } from "bun:test"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { TARGETS, type Target } from "../../scripts/build"
import { archiveFor, archiveName, checksumsText, sha256Hex } from "../../scripts/release"
import { REPO_ROOT } from "../helpers/cli"

const INSTALL_SH = join(REPO_ROOT, "scripts/install.sh")
const HOST = `${process.platform}-${process.arch}` as Target
const supported = TARGETS.includes(HOST) && !HOST.startsWith("win") && Boolean(Bun.which("sh")) && Boolean(Bun.which("curl") || Bun.which("wget"))
const work = mkdtempSync(join(tmpdir(), "ccproxy-install-"))

const fakeBinary = (version: string, target: Target) => new TextEncoder().encode(`#!/bin/sh\necho "${version}${target === HOST ? "" : ` wrong-target-${target}`}"\n`)

/** One release: every target's archive plus SHA256SUMS, as `bun run release` lays out dist/. */
function fakeRelease(version: string, tamper?: Target): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  for (const target of TARGETS) files.set(archiveName(target, version), archiveFor(target, [{ name: target.startsWith("windows") ? "ccproxy.exe" : "ccproxy", data: fakeBinary(version, target), mode: 0o755 }]))
  files.set("SHA256SUMS", new TextEncoder().encode(checksumsText([...files].map(([name, data]) => ({ path: name, sha256: sha256Hex(data) })))))
  if (tamper) files.set(archiveName(tamper, version), archiveFor(tamper, [{ name: "ccproxy", data: new TextEncoder().encode("#!/bin/sh\necho evil\n"), mode: 0o755 }]))
  return files
}

const releases = new Map([
  ["1.0.0", fakeRelease("1.0.0")],
  ["2.0.0", fakeRelease("2.0.0")],
  ["6.6.6", fakeRelease("6.6.6", HOST)],
])
const requests: string[] = []

/** `/releases/latest/download/F` (2.0.0) and `/releases/download/vV/F`, like GitHub. */
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request) {
    const path = new URL(request.url).pathname
    requests.push(path)
    const match = /^\/releases\/(?:latest\/download|download\/v([^/]+))\/([^/]+)$/.exec(path)
    const data = match ? releases.get(match[1] ?? "2.0.0")?.get(match[2]!) : undefined
    return data ? new Response(data) : new Response("Not Found", { status: 404 })
  },
})
const RELEASES_URL = `http://127.0.0.1:${server.port}/releases`

afterAll(async () => {
  await server.stop(true)
  rmSync(work, { recursive: true, force: true })
})

let runs = 0
async function install(args: string[] = [], env: Record<string, string> = {}) {
  const home = join(work, `home-${++runs}`)
  mkdirSync(home, { recursive: true })
  const child = Bun.spawn(["sh", INSTALL_SH, ...args], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CCPROXY_RELEASES_URL: RELEASES_URL, NO_PROXY: "127.0.0.1", ...env },
    stdout: "pipe",
    stderr: "pipe",
  })
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()])
  return { code, stdout, stderr, home, binary: join(home, ".local/bin/ccproxy") }
}

describe.skipIf(!supported)("install.sh", () => {
  test("is POSIX sh that parses (sh -n)", async () => {
    expect(await Bun.spawn(["sh", "-n", INSTALL_SH]).exited).toBe(0)
  })

  test("installs the latest release for this machine into ~/.local/bin and says what it did", async () => {
    const result = await install()
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(readFileSync(result.binary, "utf8")).toContain('echo "2.0.0"')
    expect(result.stdout).toContain(`platform ${HOST}`)
    expect(result.stdout).toContain(`downloading ${archiveName(HOST, "2.0.0")}`)
    expect(result.stdout).toContain(`SHA-256 verified (${sha256Hex(releases.get("2.0.0")!.get(archiveName(HOST, "2.0.0"))!)})`)
    expect(result.stdout).toContain(`installed ccproxy 2.0.0 to ${result.binary}`)
    expect(result.stdout).toContain(`${join(result.home, ".local/bin")} is not on your PATH`)
    expect(requests).toContain(`/releases/latest/download/${archiveName(HOST, "2.0.0")}`)
  })

  test("--version and --bin-dir, or CCPROXY_VERSION and CCPROXY_INSTALL_DIR", async () => {
    const binDir = join(work, "flags-bin")
    const byFlags = await install(["--version", "v1.0.0", "--bin-dir", binDir])
    expect(byFlags.code).toBe(0)
    expect(byFlags.stdout).toContain(`installed ccproxy 1.0.0 to ${binDir}/ccproxy`)
    expect(requests).toContain(`/releases/download/v1.0.0/${archiveName(HOST, "1.0.0")}`)
    const envDir = join(work, "env-bin")
    const byEnv = await install([], { CCPROXY_VERSION: "1.0.0", CCPROXY_INSTALL_DIR: envDir, PATH: `${envDir}:${process.env.PATH}` })
    expect(byEnv.code).toBe(0)
    expect(byEnv.stdout).toContain(`installed ccproxy 1.0.0 to ${envDir}/ccproxy`)
    expect(byEnv.stdout).not.toContain("is not on your PATH")
  })

  test("CCPROXY_DOWNLOAD_URL: a plain folder holding the archives and SHA256SUMS", async () => {
    const result = await install([], { CCPROXY_DOWNLOAD_URL: `${RELEASES_URL}/download/v1.0.0/`, CCPROXY_RELEASES_URL: "http://127.0.0.1:9/unused" })
    expect(result.code).toBe(0)
    expect(readFileSync(result.binary, "utf8")).toContain('echo "1.0.0"')
  })

  test("a tampered archive fails the checksum and installs nothing, leaving the old ccproxy in place", async () => {
    const binDir = join(work, "tampered-bin")
    mkdirSync(binDir, { recursive: true })
    writeFileSync(join(binDir, "ccproxy"), "#!/bin/sh\necho old\n", { mode: 0o755 })
    const result = await install(["--version", "6.6.6", "--bin-dir", binDir])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(`checksum mismatch for ${archiveName(HOST, "6.6.6")}`)
    expect(result.stderr).toContain("nothing was installed")
    expect(readFileSync(join(binDir, "ccproxy"), "utf8")).toBe("#!/bin/sh\necho old\n")
    expect(result.stdout).not.toContain("installed ccproxy")
  })

  test("an unknown version fails with a clear message", async () => {
    const result = await install(["--version", "3.1.4"])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("could not download")
    expect(result.stderr).toContain("is 3.1.4 a released version?")
    expect(existsSync(result.binary)).toBe(false)
  })

  test("an unknown option is refused", async () => {
    const result = await install(["--prefix", "/opt"])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("unknown option --prefix")
  })
})
