#!/usr/bin/env bun
/**
 * Compiles ccproxy into one executable.
 *
 *   bun scripts/build.ts --single [--outfile PATH]   this machine → dist/ccproxy
 *   bun scripts/build.ts [--target linux-x64 ...]    every release target → dist/ccproxy-<version>-<target>[.exe]
 *
 * Cross targets need Bun's runtime for that platform, which Bun downloads from the npm registry once.
 */
import { rmSync, statSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { parseArgs } from "node:util"
import packageJson from "../package.json"

export const ROOT = resolve(import.meta.dir, "..")
export const TARGETS = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"] as const
export type Target = (typeof TARGETS)[number]

export interface BuildOptions {
  outfile: string
  /** Omitted: this machine. */
  target?: Target
  version?: string
  /** Default true: a little smaller. */
  minify?: boolean
  /** Default: only for this machine (faster start; cross-compiled bytecode is known to crash, oven-sh/bun#18416). */
  bytecode?: boolean
  /** Default true: stack traces name the source files; the map is embedded in the executable. */
  sourcemap?: boolean
}

export interface BuiltBinary {
  path: string
  bytes: number
}

/** Builds one executable; throws with Bun's messages when the build fails. */
export async function buildBinary(options: BuildOptions): Promise<BuiltBinary> {
  const version = options.version ?? packageJson.version
  const outfile = resolve(options.outfile)
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src/main.ts")],
    root: ROOT,
    target: "bun",
    format: "esm",
    minify: options.minify ?? true,
    bytecode: options.bytecode ?? isHost(options.target),
    sourcemap: (options.sourcemap ?? true) ? "linked" : "none",
    define: { CCPROXY_VERSION: JSON.stringify(version) },
    throw: false,
    compile: {
      ...(options.target && { target: `bun-${options.target}` as Bun.Build.CompileTarget }),
      outfile,
      // The binary reads only ccproxy's own config, never a bunfig.toml or .env in the folder it runs in.
      autoloadBunfig: false,
      autoloadDotenv: false,
    },
  })
  if (!result.success) {
    const messages = result.logs.map((log) => String(log)).join("\n")
    throw new Error(`build failed for ${options.target ?? "this machine"}:\n${messages}`)
  }
  // The source map is embedded in the executable; the copy Bun also writes next to it is not needed.
  for (const output of result.outputs) if (output.kind === "sourcemap") rmSync(output.path, { force: true })
  // For Windows, Bun adds ".exe" to the name.
  const path = result.outputs.find((output) => output.kind === "entry-point")?.path ?? outfile
  return { path, bytes: statSync(path).size }
}

function isHost(target: Target | undefined): boolean {
  const host = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`
  return target === undefined || target === host
}

export function releaseFileName(target: Target, version = packageJson.version): string {
  return `ccproxy-${version}-${target}${target.startsWith("windows") ? ".exe" : ""}`
}

function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      single: { type: "boolean", default: false },
      outfile: { type: "string" },
      target: { type: "string", multiple: true },
    },
  })
  const unknown = (values.target ?? []).filter((target) => !TARGETS.includes(target as Target))
  if (unknown.length) throw new Error(`unknown target ${unknown.join(", ")}; known: ${TARGETS.join(", ")}`)
  if (values.single && values.target) throw new Error("--single builds for this machine; leave out --target")
  if (values.outfile && !values.single && values.target?.length !== 1) throw new Error("--outfile needs --single or exactly one --target")

  const jobs: BuildOptions[] = values.single
    ? [{ outfile: values.outfile ?? join(ROOT, "dist/ccproxy") }]
    : ((values.target ?? TARGETS) as Target[]).map((target) => ({ target, outfile: values.outfile ?? join(ROOT, "dist", releaseFileName(target)) }))
  for (const job of jobs) {
    const started = performance.now()
    const built = await buildBinary(job)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const shown = built.path.startsWith(process.cwd()) ? relative(process.cwd(), built.path) : built.path
    console.log(`${shown}  ${formatSize(built.bytes)}  (${seconds}s)`)
  }
  return 0
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`error: ${error.message}`)
    return 1
  })
}
