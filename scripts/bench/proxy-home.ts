/**
 * A ccproxy home for the benchmark: credentials files (Claude Code's and the Codex CLI's, with
 * tokens that do not expire during a run), a config pointing both providers at the fake
 * upstream, and env variables that keep every file ccproxy writes inside `dir`.
 *
 *   bun scripts/bench/proxy-home.ts DIR PROFILE PORT UPSTREAM_URL     prints `export` lines, for profiling by hand
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** default: the plugins as shipped; observability: every observability plugin on; bare: none of them. */
export type Profile = "default" | "observability" | "bare"

function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`
}

/** A temp home with credentials files and a config for `profile`; returns the config path and env. */
export function prepareHome(dir: string, profile: Profile, port: number, upstream: string) {
  const home = join(dir, profile)
  for (const sub of ["home", "claude", "codex", "xdg-data", "xdg-cache", "xdg-config", "traces", "replay"]) mkdirSync(join(home, sub), { recursive: true })
  const claudeFile = join(home, "claude", ".credentials.json")
  writeFileSync(claudeFile, JSON.stringify({ claudeAiOauth: { accessToken: "sk-ant-oat01-bench", refreshToken: "sk-ant-ort01-bench", expiresAt: Date.now() + 24 * 3600_000, scopes: ["user:inference"], subscriptionType: "max" } }), { mode: 0o600 })
  const codexFile = join(home, "codex", "auth.json")
  const access = fakeJwt({ exp: Math.floor(Date.now() / 1000) + 86400 * 365, "https://api.openai.com/auth": { chatgpt_account_id: "acct-bench", chatgpt_plan_type: "plus" } })
  writeFileSync(codexFile, JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: access, refresh_token: "refresh-bench", account_id: "acct-bench" }, last_refresh: new Date().toISOString() }), { mode: 0o600 })
  const q = JSON.stringify
  // TOML: top-level keys come before the first table.
  let toml = profile === "bare" ? `disabled_plugins = ["access_log", "metrics", "analytics", "pricing"]\n\n` : ""
  toml += `[server]\nhost = "127.0.0.1"\nport = ${port}\n\n`
  toml += `[plugins.oauth_claude]\ncredentials_file = ${q(claudeFile)}\nuse_keychain = false\n\n[plugins.oauth_codex]\ncredentials_file = ${q(codexFile)}\n\n`
  toml += `[plugins.claude_api]\nbase_url = ${q(upstream)}\n\n[plugins.codex]\nbase_url = ${q(`${upstream}/backend-api/codex`)}\n\n`
  toml += `[plugins.analytics]\ndatabase_path = ${q(join(home, "analytics.db"))}\n\n`
  if (profile === "observability") {
    toml += `[plugins.access_log]\nprovider_enabled = true\n\n`
    toml += `[plugins.request_tracer]\nenabled = true\nlog_dir = ${q(join(home, "traces"))}\n\n`
    toml += `[plugins.command_replay]\nenabled = true\nlog_dir = ${q(join(home, "replay"))}\ninclude_url_patterns = []\n\n`
    toml += `[plugins.max_tokens]\nenabled = true\n\n`
  }
  const config = join(home, "config.toml")
  writeFileSync(config, toml)
  const env = {
    ...process.env,
    CCPROXY_CONFIG: config,
    HOME: join(home, "home"),
    CLAUDE_CONFIG_DIR: join(home, "claude"),
    CODEX_HOME: join(home, "codex"),
    XDG_DATA_HOME: join(home, "xdg-data"),
    XDG_CACHE_HOME: join(home, "xdg-cache"),
    XDG_CONFIG_HOME: join(home, "xdg-config"),
  }
  return { config, env, home }
}

if (import.meta.main) {
  const [dir, profile = "default", port = "8000", upstream = "http://127.0.0.1:9"] = process.argv.slice(2)
  if (!dir) throw new Error("usage: bun scripts/bench/proxy-home.ts DIR PROFILE PORT UPSTREAM_URL")
  const { env } = prepareHome(dir, profile as Profile, Number(port), upstream)
  for (const name of ["CCPROXY_CONFIG", "HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"]) console.log(`export ${name}=${JSON.stringify(env[name as keyof typeof env])}`)
}
