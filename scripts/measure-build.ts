#!/usr/bin/env bun
/**
 * Measures what Bun's minify and bytecode options do to this machine's executable: size, and
 * cold start of `ccproxy --version` and of `ccproxy serve` until /health/ready answers.
 *
 *   bun scripts/measure-build.ts [--runs 15]
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { buildBinary } from "./build"

const VARIANTS = [
  { name: "plain", minify: false, bytecode: false },
  { name: "minify", minify: true, bytecode: false },
  { name: "bytecode", minify: false, bytecode: true },
  { name: "minify+bytecode", minify: true, bytecode: true },
]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timeVersion(binary: string): Promise<number> {
  const started = performance.now()
  await Bun.spawn([binary, "--version"], { stdout: "ignore" }).exited
  return performance.now() - started
}

async function timeReady(binary: string, port: number): Promise<number> {
  const started = performance.now()
  const child = Bun.spawn([binary, "serve", "--port", String(port)], { stdout: "ignore", stderr: "ignore", cwd: tmpdir() })
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.ok, () => false)
      if (ok) return performance.now() - started
      await Bun.sleep(5)
    }
  } finally {
    child.kill()
    await child.exited
  }
}

const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: "string", default: "15" } } })
const runs = Number(values.runs)
const work = mkdtempSync(join(tmpdir(), "ccproxy-measure-"))
try {
  console.log("variant           size      --version   serve→ready")
  for (const variant of VARIANTS) {
    const built = await buildBinary({ outfile: join(work, variant.name), minify: variant.minify, bytecode: variant.bytecode })
    await timeVersion(built.path)
    const version: number[] = []
    const ready: number[] = []
    for (let i = 0; i < runs; i++) version.push(await timeVersion(built.path))
    for (let i = 0; i < Math.ceil(runs / 3); i++) ready.push(await timeReady(built.path, 18_700 + i))
    const size = `${(built.bytes / 1024 / 1024).toFixed(1)} MB`
    console.log(`${variant.name.padEnd(18)}${size.padEnd(10)}${`${median(version).toFixed(0)} ms`.padEnd(12)}${median(ready).toFixed(0)} ms`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
