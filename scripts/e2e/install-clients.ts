/**
 * Claude Code, the Codex CLI and the Vercel AI SDK from npm, installed once into a cache folder outside the repo
 * ($CCPROXY_E2E_CACHE, else $XDG_CACHE_HOME/ccproxy-e2e, else ~/.cache/ccproxy-e2e). They are
 * ~700 MB with their native binaries, so they are never in package.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { homedir } from "node:os"
import { join } from "node:path"

/** Versions measured in /work/shared/reference/real-clients.md (the AI SDK: latest on 2026-11-26); `latest` is tried if they are gone. */
export const CLIENT_PACKAGES = { "@anthropic-ai/claude-code": "2.1.197", "@openai/codex": "0.171.0", ai: "6.0.326", "@ai-sdk/openai": "3.0.141", "@ai-sdk/anthropic": "3.0.140" }

export interface InstalledClients {
  dir: string
  claude: string
  codex: string
  versions: Record<string, string>
}

export function cacheDir(): string {
  return process.env.CCPROXY_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ccproxy-e2e")
}

const installedVersion = (dir: string, name: string): string | undefined => {
  const file = join(dir, "node_modules", name, "package.json")
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : undefined
}

async function npmInstall(dir: string, specs: string[]): Promise<boolean> {
  const child = Bun.spawn(["npm", "install", "--no-audit", "--no-fund", ...specs], { cwd: dir, stdout: "inherit", stderr: "inherit" })
  return (await child.exited) === 0
}

/** Installs what is missing and returns the binaries; throws if npm cannot install them. */
export async function installClients(log: (line: string) => void): Promise<InstalledClients> {
  const dir = cacheDir()
  mkdirSync(dir, { recursive: true })
  if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "ccproxy-e2e-clients", private: true }))
  const missing = Object.entries(CLIENT_PACKAGES).filter(([name]) => !installedVersion(dir, name))
  if (missing.length) {
    log(`installing ${missing.map(([name, version]) => `${name}@${version}`).join(" ")} into ${dir}`)
    const pinned = await npmInstall(dir, missing.map(([name, version]) => `${name}@${version}`))
    if (!pinned && !(await npmInstall(dir, missing.map(([name]) => `${name}@latest`)))) throw new Error(`npm could not install ${missing.map(([name]) => name).join(", ")}`)
  }
  const claude = join(dir, "node_modules", ".bin", "claude")
  const codex = join(dir, "node_modules", ".bin", "codex")
  for (const bin of [claude, codex]) if (!existsSync(bin)) throw new Error(`${bin} is missing after install (remove ${dir} and retry)`)
  const versions = Object.fromEntries(Object.keys(CLIENT_PACKAGES).map((name) => [name, installedVersion(dir, name) ?? "?"]))
  return { dir, claude, codex, versions }
}
