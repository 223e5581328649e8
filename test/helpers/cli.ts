/**
 * Runs the ccproxy CLI as a subprocess: from source (`bun src/main.ts`) or a compiled binary.
 * Every process started here is killed by `stopAllCliProcesses()` (call it in afterAll)
 * and, as a last resort, when the test process exits.
 */
import type { Subprocess } from "bun"
import { resolve } from "node:path"

export const REPO_ROOT = resolve(import.meta.dir, "../..")
const MAIN = resolve(REPO_ROOT, "src/main.ts")

export interface CliOptions {
  /** Added to (and overriding) the test process's environment. */
  env?: Record<string, string>
  /** Default: the repository root. */
  cwd?: string
  /** runCli: the whole run; startCliServer: until the server listens. Default 30 s. */
  timeoutMs?: number
  /** A compiled ccproxy executable to run instead of `bun src/main.ts`. */
  binary?: string
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliServer {
  /** `http://host:port` from the `listening on` line. */
  url: string
  process: Subprocess<"ignore", "pipe", "pipe">
  /** Exit code once the process has ended and its output is read. */
  exited: Promise<number>
  /** Sends `signal` (default SIGTERM), SIGKILL after 5 s; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>
  stderrText(): string
  stdoutText(): string
}

const running = new Set<Subprocess>()
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL")
})

function spawnCli(args: string[], options: CliOptions): Subprocess<"ignore", "pipe", "pipe"> {
  const command = options.binary ? [options.binary, ...args] : [process.execPath, MAIN, ...args]
  const child = Bun.spawn(command, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  })
  running.add(child)
  void child.exited.then(() => running.delete(child))
  return child
}

/** Collects a stream's text as it arrives; `onText` sees everything read so far. */
function collect(stream: ReadableStream<Uint8Array>, onText?: (text: string) => void): { text: () => string; done: Promise<void> } {
  let text = ""
  const decoder = new TextDecoder()
  const done = (async () => {
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true })
      onText?.(text)
    }
    text += decoder.decode()
  })()
  return { text: () => text, done }
}

async function stopProcess(child: Subprocess, signal: NodeJS.Signals = "SIGTERM"): Promise<number> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000)
  try {
    return await child.exited
  } finally {
    clearTimeout(timer)
  }
}

/** Runs the CLI to completion. Throws (after killing it) if it outlives `timeoutMs`. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options)
  const stdout = collect(child.stdout)
  const stderr = collect(child.stderr)
  const timeoutMs = options.timeoutMs ?? 30_000
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))
  const outcome = await Promise.race([child.exited, timedOut])
  clearTimeout(timer)
  if (outcome === "timeout") {
    await stopProcess(child, "SIGKILL")
    throw new Error(`ccproxy ${args.join(" ")} did not finish within ${timeoutMs} ms\nstderr:\n${stderr.text()}`)
  }
  await Promise.all([stdout.done, stderr.done])
  return { code: outcome, stdout: stdout.text(), stderr: stderr.text() }
}

const LISTENING = /listening on (http:\/\/[^\s"]+)/
const ANSI = /\x1b\[[0-9;]*m/g

/**
 * Starts `ccproxy serve --port 0 ...args` (no --port is added when args has one) and
 * resolves once it logs `listening on http://…`. Rejects, with the process killed and its
 * stderr in the message, if it exits or stays silent for `timeoutMs` first.
 */
export async function startCliServer(args: string[], options: CliOptions = {}): Promise<CliServer> {
  const hasPort = args.some((arg) => arg === "--port" || arg === "-p" || arg.startsWith("--port="))
  const child = spawnCli(["serve", ...(hasPort ? [] : ["--port", "0"]), ...args], options)
  let announce: (url: string) => void = () => {}
  const listening = new Promise<string>((resolve) => (announce = resolve))
  const stderr = collect(child.stderr, (text) => {
    const match = LISTENING.exec(text.replace(ANSI, ""))
    if (match) announce(match[1]!)
  })
  const stdout = collect(child.stdout)
  // Resolves once the output is read to the end too, so stderrText() then has the last lines.
  const exited = child.exited.then(async (code) => {
    await Promise.all([stderr.done, stdout.done])
    return code
  })

  const timeoutMs = options.timeoutMs ?? 30_000
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))
  const outcome = await Promise.race([listening.then((url) => ({ url })), exited.then((code) => ({ code })), timedOut])
  clearTimeout(timer)
  if (!(typeof outcome === "object" && "url" in outcome)) {
    await stopProcess(child, "SIGKILL")
    await stderr.done
    const why = outcome === "timeout" ? `did not listen within ${timeoutMs} ms` : `exited with code ${outcome.code} before listening`
    throw new Error(`ccproxy serve ${args.join(" ")} ${why}\nstderr:\n${stderr.text()}`)
  }
  // Listening comes before plugins initialize; tests want the server ready.
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${outcome.url}/health/ready`).then((response) => response.status === 200).catch(() => false)
    if (ready) break
    await Bun.sleep(25)
  }
  return {
    url: outcome.url,
    process: child,
    exited,
    stop: async (signal) => {
      await stopProcess(child, signal)
      return exited
    },
    stderrText: stderr.text,
    stdoutText: stdout.text,
  }
}

/** Kills every CLI process these helpers started that is still running. */
export async function stopAllCliProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)))
}
