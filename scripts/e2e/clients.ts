/**
 * Claude Code (`claude -p`) and the Codex CLI (`codex exec`) run headless against a loopback
 * base URL, with flags that surface stream bugs instead of retrying or falling back, and their
 * JSON-lines output parsed.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { PROXY_TOKEN } from "./proxy-process"

export interface ClientRun {
  exitCode: number
  stdout: string
  stderr: string
  /** The JSON lines of stdout. */
  events: Record<string, any>[]
  timedOut: boolean
}

const TIMEOUT_MS = 90_000

async function run(argv: string[], cwd: string, env: Record<string, string>): Promise<ClientRun> {
  const child = Bun.spawn(argv, { cwd, env, stdin: "ignore", stdout: "pipe", stderr: "pipe" })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill("SIGKILL")
  }, TIMEOUT_MS)
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
  clearTimeout(timer)
  const events = stdout.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return []
    try {
      return [JSON.parse(line) as Record<string, any>]
    } catch {
      return []
    }
  })
  return { exitCode, stdout, stderr, events, timedOut }
}

/** A work folder and a HOME for one client run, inside the scenario's temp folder. */
function workspace(dir: string): { cwd: string; home: string } {
  const cwd = join(dir, "work")
  const home = join(dir, "client-home")
  mkdirSync(cwd, { recursive: true })
  mkdirSync(home, { recursive: true })
  return { cwd, home }
}

/** `claude -p PROMPT --output-format stream-json --verbose` with ANTHROPIC_BASE_URL=baseUrl. */
export function runClaudeCode(bin: string, dir: string, baseUrl: string, prompt: string, extraArgs: string[] = []): Promise<ClientRun> {
  const { cwd, home } = workspace(dir)
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, ".claude"),
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: PROXY_TOKEN,
    DISABLE_TELEMETRY: "1",
    DISABLE_ERROR_REPORTING: "1",
    DISABLE_AUTOUPDATER: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    // A stream bug must fail the run, not hide behind a non-streaming retry.
    CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: "1",
    CLAUDE_CODE_MAX_RETRIES: "0",
  }
  return run([bin, "-p", prompt, "--output-format", "stream-json", "--verbose", ...extraArgs], cwd, env)
}

/** `codex exec --json PROMPT` with a custom model provider at baseUrl (HTTP, no WebSocket, no retries). */
export function runCodex(bin: string, dir: string, baseUrl: string, prompt: string, model: string): Promise<ClientRun> {
  const { cwd, home } = workspace(dir)
  const codexHome = join(home, ".codex")
  mkdirSync(codexHome, { recursive: true })
  const config = [
    `model = ${JSON.stringify(model)}`,
    `model_provider = "ccproxy"`,
    `approval_policy = "never"`,
    `sandbox_mode = "danger-full-access"`,
    ``,
    `[model_providers.ccproxy]`,
    `name = "ccproxy"`,
    `base_url = ${JSON.stringify(baseUrl)}`,
    `env_key = "OPENAI_API_KEY"`,
    `wire_api = "responses"`,
    `stream_max_retries = 0`,
    `request_max_retries = 0`,
  ].join("\n")
  writeFileSync(join(codexHome, "config.toml"), `${config}\n`)
  const env = { PATH: process.env.PATH ?? "", HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: PROXY_TOKEN, RUST_LOG: "warn" }
  return run([bin, "exec", "--skip-git-repo-check", "--json", prompt], cwd, env)
}

export type AiSdkProvider = "anthropic" | "openai-responses" | "openai-chat"

/** The Vercel AI SDK's streamText (scripts/e2e/ai-sdk-client.mjs) from the clients cache; one JSON line per stream part. */
export function runAiSdk(cacheDir: string, dir: string, provider: AiSdkProvider, baseUrl: string, model: string, prompt: string, toolOutput?: string): Promise<ClientRun> {
  const { cwd, home } = workspace(dir)
  const script = resolve(import.meta.dir, "ai-sdk-client.mjs")
  const env = { PATH: process.env.PATH ?? "", HOME: home, CCPROXY_E2E_API_KEY: PROXY_TOKEN }
  return run([process.execPath, script, cacheDir, provider, baseUrl, model, prompt, ...(toolOutput ? [toolOutput] : [])], cwd, env)
}
