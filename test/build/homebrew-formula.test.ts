import { afterAll, describe, expect, test } from "bun:test"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HOMEBREW_TARGETS, homebrewFormula, parseChecksums } from "../../scripts/homebrew-formula"
import { TARGETS } from "../../scripts/build"
import { archiveName, checksumsText } from "../../scripts/release"
import { REPO_ROOT } from "../helpers/cli"

const VERSION = "1.2.3"
const DOWNLOAD_URL = "https://github.com/acme/ccproxy/releases/download/v1.2.3"
const work = mkdtempSync(join(tmpdir(), "ccproxy-formula-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A distinct fake hash per target, so a swapped pair shows. */
const fakeHash = (index: number) => index.toString(16).repeat(64).slice(0, 64)
const sums = checksumsText(TARGETS.map((target, index) => ({ path: archiveName(target, VERSION), sha256: fakeHash(index + 1) })))
const checksums = parseChecksums(sums)
const formula = homebrewFormula({ version: VERSION, downloadUrl: DOWNLOAD_URL, homepage: "https://github.com/acme/ccproxy", checksums })
const formulaPath = join(work, "ccproxy.rb")
writeFileSync(formulaPath, formula)

const hasRuby = Boolean(Bun.which("ruby"))
if (!hasRuby) console.warn("homebrew formula tests: ruby is not installed, skipping the Ruby syntax and evaluation checks (apt-get install ruby)")

/** Loads the formula with a stub of Homebrew's DSL for one OS and CPU, and prints the url and sha256 it picks. */
const DSL_STUB = `
$os, $cpu = ARGV[1], ARGV[2]
class Formula
  def self.on_macos; yield if $os == "macos"; end
  def self.on_linux; yield if $os == "linux"; end
  def self.on_arm; yield if $cpu == "arm"; end
  def self.on_intel; yield if $cpu == "intel"; end
  def self.url(value); $url = value; end
  def self.sha256(value); $sha256 = value; end
  def self.version(value); $version = value; end
  def self.test(&block); $test = block ? "test-block" : "no-test"; end
  def self.method_missing(*); end
  def self.respond_to_missing?(*) = true
end
load ARGV[0]
puts [$url, $sha256, $version, $test, Ccproxy.instance_methods(false).sort.join(",")].join(" ")
`

describe("homebrew formula", () => {
  test("parseChecksums reads sha256sum lines (text and binary mode)", () => {
    expect(parseChecksums(`${"a".repeat(64)}  x.tar.gz\n${"b".repeat(64)} *y.zip\nnoise\n`)).toEqual(
      new Map([
        ["x.tar.gz", "a".repeat(64)],
        ["y.zip", "b".repeat(64)],
      ]),
    )
  })

  test("names every macOS and Linux archive with its own checksum right after its url, and no Windows one", () => {
    for (const { target } of HOMEBREW_TARGETS) {
      const name = archiveName(target, VERSION)
      expect(formula).toContain(`url "${DOWNLOAD_URL}/${name}"\n      sha256 "${checksums.get(name)}"`)
    }
    expect(formula).not.toContain("windows")
    expect(formula).toContain(`version "${VERSION}"`)
    expect(formula).toContain('shell_output("#{bin}/ccproxy --version")')
    expect(formula).toMatch(/test do\n\s+assert_match version.to_s/)
  })

  test("refuses to write a formula when an archive is missing from SHA256SUMS", () => {
    const partial = new Map([...checksums].filter(([name]) => !name.includes("darwin-arm64")))
    expect(() => homebrewFormula({ version: VERSION, downloadUrl: DOWNLOAD_URL, homepage: "h", checksums: partial })).toThrow("darwin-arm64")
  })

  test.skipIf(!hasRuby)("is valid Ruby (ruby -c)", async () => {
    const child = Bun.spawn(["ruby", "-c", formulaPath], { stdout: "pipe", stderr: "pipe" })
    expect(await child.exited).toBe(0)
    expect(await new Response(child.stdout).text()).toContain("Syntax OK")
  })

  test.skipIf(!hasRuby)("picks the right archive and checksum on each OS and CPU (Homebrew's DSL stubbed)", async () => {
    const stub = join(work, "stub.rb")
    writeFileSync(stub, DSL_STUB)
    for (const { target, os, cpu } of HOMEBREW_TARGETS) {
      const child = Bun.spawn(["ruby", stub, formulaPath, os, cpu], { stdout: "pipe", stderr: "pipe" })
      const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()])
      expect(stderr).toBe("")
      expect(code).toBe(0)
      const name = archiveName(target, VERSION)
      expect(stdout.trim()).toBe(`${DOWNLOAD_URL}/${name} ${checksums.get(name)} ${VERSION} test-block install`)
    }
  })

  test("the script writes the formula from a SHA256SUMS file", async () => {
    const sumsPath = join(work, "SHA256SUMS")
    writeFileSync(sumsPath, sums)
    const out = join(work, "written.rb")
    const child = Bun.spawn([process.execPath, join(REPO_ROOT, "scripts/homebrew-formula.ts"), "--repo", "acme/ccproxy", "--version", VERSION, "--checksums", sumsPath, "--out", out], {
      stdout: "pipe",
      stderr: "pipe",
    })
    expect(await child.exited).toBe(0)
    expect(readFileSync(out, "utf8")).toBe(formula)
  })
})
