import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startFakeServer, sseResponse, type FakeServer } from "../../helpers/fake-server"
import { startFakeTokenServer, type FakeTokenServer } from "../../helpers/oauth-fakes"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"

const SHARED = join(import.meta.dir, "../../fixtures/upstream")
export const recorded = (name: string) => readFileSync(join(SHARED, "recorded", name), "utf8")
export const capturedRequest = (name: string) => JSON.parse(readFileSync(join(SHARED, "requests", name), "utf8")) as { url: string; headers: Record<string, string>; body: Record<string, any> }

export const PROXY_TOKEN = "proxy-token-7f3a9c2e"

/** Claude Code's credentials file in a fresh folder, with a token valid for an hour. */
export function writeClaudeCredentials(accessToken = "sk-ant-oat01-first", expiresInMs = 3_600_000): string {
  const path = join(mkdtempSync(join(tmpdir(), "claude-home-")), ".credentials.json")
  const credentials = { claudeAiOauth: { accessToken, refreshToken: "sk-ant-ort01-refresh", expiresAt: Date.now() + expiresInMs, scopes: ["user:inference", "user:profile"], subscriptionType: "max" }, mcpOAuth: { keep: "me" } }
  writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 })
  return path
}

export interface ClaudeHarness {
  app: InProcessApp
  upstream: FakeServer
  tokens: FakeTokenServer
  credentialsFile: string
  /** http://127.0.0.1:port of a real server around the app (with PROXY_TOKEN required). */
  url: string
  bodies(): Promise<Record<string, any>[]>
  stop(): Promise<void>
}

/** A recorded stream for stream requests, a JSON message otherwise. */
export function defaultAnswer(request: Request, body: Record<string, any>): Response {
  if (new URL(request.url).pathname.endsWith("/count_tokens")) return Response.json({ input_tokens: 42 })
  if (body.stream) return sseResponse([recorded("anthropic-thinking-tool_use.0.response.sse")])
  return Response.json({ id: "msg_01", type: "message", role: "assistant", model: body.model, content: [{ type: "text", text: "Hello from Claude" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 12, output_tokens: 4, cache_read_input_tokens: 3 } })
}

/** The app with oauth_claude reading a test credentials file and claude_api pointed at a fake Anthropic API. */
export async function startClaudeHarness(answer: (request: Request, body: Record<string, any>) => Response | Promise<Response> = defaultAnswer, settings: Record<string, unknown> = {}): Promise<ClaudeHarness> {
  const upstream = startFakeServer(async (request) => answer(request, (await request.clone().json().catch(() => ({}))) as Record<string, any>))
  const tokens = startFakeTokenServer((_, n) => ({ access_token: `sk-ant-oat01-refreshed-${n}`, refresh_token: `sk-ant-ort01-next-${n}`, expires_in: 3600, scope: "user:inference user:profile" }))
  const credentialsFile = writeClaudeCredentials()
  const app = await createTestApp({
    settings: {
      "security.auth_token": PROXY_TOKEN,
      "plugins.claude_api.base_url": upstream.url,
      "plugins.claude_api.stream_idle_timeout": 5,
      "plugins.oauth_claude.credentials_file": credentialsFile,
      "plugins.oauth_claude.token_url": tokens.tokenUrl,
      ...settings,
    },
  })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  return {
    app,
    upstream,
    tokens,
    credentialsFile,
    url: `http://127.0.0.1:${server.port}`,
    bodies: () => Promise.all(upstream.requests.map((request) => request.clone().json() as Promise<Record<string, any>>)),
    stop: async () => {
      server.stop(true)
      await upstream.stop()
      await tokens.stop()
    },
  }
}
