/**
 * ccproxy run from source (`bun src/main.ts serve`) in a temp home: Claude Code's and the Codex
 * CLI's credentials files with long-lived fake tokens, both providers pointed at a fake upstream,
 * a proxy token the clients must send, and every file ccproxy writes kept inside `dir`.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

const ROOT = resolve(import.meta.dir, "../..")

/** The token clients send as their API key; ccproxy swaps it for the subscription's. */
export const PROXY_TOKEN = "e2e-proxy-token"

export interface ProxyProcess {
  url: string
  /** What ccproxy printed so far (stderr and stdout), for failure reports. */
  log(): string
  stop(): Promise<void>
}

function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`
}

function writeHome(dir: string, upstream: string): { config: string; env: Record<string, string> } {
  for (const sub of ["home", "claude", "codex", "data", "cache", "config"]) mkdirSync(join(dir, sub), { recursive: true })
  const claudeFile = join(dir, "claude", ".credentials.json")
  const claude = { claudeAiOauth: { accessToken: "sk-ant-oat01-e2e", refreshToken: "sk-ant-ort01-e2e", expiresAt: Date.now() + 24 * 3600_000, scopes: ["user:inference", "user:profile"], subscriptionType: "max" } }
  writeFileSync(claudeFile, JSON.stringify(claude), { mode: 0o600 })
  const codexFile = join(dir, "codex", "auth.json")
  const access = fakeJwt({ exp: Math.floor(Date.now() / 1000) + 86400 * 365, "https://api.openai.com/auth": { chatgpt_account_id: "acct-e2e", chatgpt_plan_type: "plus" } })
  writeFileSync(codexFile, JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: access, refresh_token: "refresh-e2e", account_id: "acct-e2e" }, last_refresh: new Date().toISOString() }), { mode: 0o600 })
  const q = JSON.stringify
  const toml = [
    `[server]\nhost = "127.0.0.1"\nport = 0\n`,
    `[security]\nauth_token = ${q(PROXY_TOKEN)}\n`,
    `[logging]\nlevel = "DEBUG"\nformat = "json"\n`,
    `[plugins.access_log]\nclient_enabled = false\n`,
    `[plugins.oauth_claude]\ncredentials_file = ${q(claudeFile)}\nuse_keychain = false\n`,
    `[plugins.oauth_codex]\ncredentials_file = ${q(codexFile)}\n`,
    `[plugins.claude_api]\nbase_url = ${q(upstream)}\n`,
    `[plugins.codex]\nbase_url = ${q(`${upstream}/backend-api/codex`)}\n`,
  ].join("\n")
  const config = join(dir, "ccproxy.toml")
  writeFileSync(config, toml)
  const env = { PATH: process.env.PATH ?? "", HOME: join(dir, "home"), CLAUDE_CONFIG_DIR: join(dir, "claude"), CODEX_HOME: join(dir, "codex"), XDG_DATA_HOME: join(dir, "data"), XDG_CACHE_HOME: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "config") }
  return { config, env }
}

/** Starts ccproxy and waits for its "listening on" line (at most 20 s). */
export async function startProxy(dir: string, upstream: string): Promise<ProxyProcess> {
  const { config, env } = writeHome(dir, upstream)
  const child = Bun.spawn([process.execPath, "src/main.ts", "serve", "--config", config], { cwd: ROOT, env, stdout: "pipe", stderr: "pipe" })
  let output = ""
  let resolveUrl: (url: string) => void = () => {}
  const listening = new Promise<string>((resolve) => (resolveUrl = resolve))
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder()
    for await (const chunk of stream) {
      output += decoder.decode(chunk, { stream: true })
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) resolveUrl(match[1]!)
    }
  }
  void collect(child.stdout)
  void collect(child.stderr)
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`ccproxy did not start:\n${output}`)), 20_000).unref())
  const exited = child.exited.then((code) => Promise.reject(new Error(`ccproxy exited with ${code}:\n${output}`)))
  exited.catch(() => {}) // a normal stop later is not an error
  const url = await Promise.race([listening, timeout, exited])
  return {
    url,
    log: () => output,
    stop: async () => {
      child.kill("SIGTERM")
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000)
      await child.exited
      clearTimeout(killer)
    },
  }
}
