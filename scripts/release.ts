#!/usr/bin/env bun
/**
 * Release artifacts: every target compiled, archived and checksummed.
 *
 *   bun run release                                  all targets → dist/ccproxy-<version>-<os>-<arch>.tar.gz (.zip for Windows) + dist/SHA256SUMS
 *   bun scripts/release.ts --target linux-x64 [--target ...] [--out-dir DIR] [--version V]
 *
 * Archives hold the one executable (`ccproxy`, or `ccproxy.exe`) at the top, with fixed owner
 * and time, so the same binary always gives the same archive.
 */
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join, relative, resolve } from "node:path"
import { parseArgs } from "node:util"
import packageJson from "../package.json"
import { tarGzArchive, type ArchiveEntry } from "./archive/tar-gz"
import { zipArchive } from "./archive/zip"
import { buildBinary, ROOT, TARGETS, type Target } from "./build"

export interface ReleaseOptions {
  outDir: string
  targets?: readonly Target[]
  version?: string
  /** Progress lines; default console.log. */
  log?: (line: string) => void
}

export interface ReleaseArtifact {
  target: Target
  path: string
  sha256: string
  bytes: number
  binaryBytes: number
}

export const CHECKSUMS_FILE = "SHA256SUMS"

/** `ccproxy-0.1.0-linux-x64.tar.gz`, `ccproxy-0.1.0-windows-x64.zip`. */
export function archiveName(target: Target, version: string = packageJson.version): string {
  return `ccproxy-${version}-${target}${target.startsWith("windows") ? ".zip" : ".tar.gz"}`
}

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex")
}

/** The archive for a target: zip for Windows, tar.gz elsewhere. */
export function archiveFor(target: Target, entries: ArchiveEntry[]): Uint8Array {
  return target.startsWith("windows") ? zipArchive(entries) : tarGzArchive(entries)
}

/** `sha256sum` format (hash, two spaces, file name), sorted by name. */
export function checksumsText(artifacts: Array<{ path: string; sha256: string }>): string {
  return artifacts
    .map((artifact) => `${artifact.sha256}  ${basename(artifact.path)}\n`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)))
    .join("")
}

/** Builds, archives and checksums each target; writes SHA256SUMS last. */
export async function release(options: ReleaseOptions): Promise<ReleaseArtifact[]> {
  const version = options.version ?? packageJson.version
  const log = options.log ?? console.log
  const outDir = resolve(options.outDir)
  const staging = join(outDir, ".staging")
  mkdirSync(staging, { recursive: true })
  const artifacts: ReleaseArtifact[] = []
  try {
    for (const target of options.targets ?? TARGETS) {
      const started = performance.now()
      const built = await buildBinary({ target, version, outfile: join(staging, target, "ccproxy") })
      const archive = archiveFor(target, [{ name: basename(built.path), data: readFileSync(built.path), mode: 0o755 }])
      const path = join(outDir, archiveName(target, version))
      writeFileSync(path, archive)
      artifacts.push({ target, path, sha256: sha256Hex(archive), bytes: archive.length, binaryBytes: built.bytes })
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      log(`${shown(path)}  ${megabytes(archive.length)} (binary ${megabytes(built.bytes)})  ${seconds}s`)
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  writeFileSync(join(outDir, CHECKSUMS_FILE), checksumsText(artifacts))
  log(`${shown(join(outDir, CHECKSUMS_FILE))}  ${artifacts.length} archives`)
  return artifacts
}

function shown(path: string): string {
  return path.startsWith(process.cwd()) ? relative(process.cwd(), path) : path
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: "string", multiple: true },
      "out-dir": { type: "string" },
      version: { type: "string" },
    },
  })
  const unknown = (values.target ?? []).filter((target) => !TARGETS.includes(target as Target))
  if (unknown.length) throw new Error(`unknown target ${unknown.join(", ")}; known: ${TARGETS.join(", ")}`)
  const outDir = values["out-dir"] ?? join(ROOT, "dist")
  await release({ outDir, targets: values.target as Target[] | undefined, version: values.version })
  return 0
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`error: ${error.message}`)
    return 1
  })
}
