import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startFakeServer, sseResponse, type FakeServer } from "../../helpers/fake-server"
import { fakeJwt } from "../../helpers/oauth-fakes"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"

const SHARED = join(import.meta.dir, "../../fixtures/upstream")
export const recorded = (name: string) => readFileSync(join(SHARED, "recorded", name), "utf8")
export const capturedRequest = (name: string) => JSON.parse(readFileSync(join(SHARED, "requests", name), "utf8")) as { url: string; headers: Record<string, string>; body: Record<string, any> }

export const ACCOUNT_ID = "acct-4f1e-test"

/** A ChatGPT-style access token: unsigned, valid for ten years, with the account claim. */
export function codexAccessToken(tag: string, accountId = ACCOUNT_ID): string {
  return fakeJwt({ exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400, tag, "https://api.openai.com/auth": { chatgpt_account_id: accountId, chatgpt_plan_type: "plus" } })
}

/** A Codex CLI auth.json in a fresh folder; returns its path. */
export function writeCodexAuth(accessToken = codexAccessToken("first")): string {
  const path = join(mkdtempSync(join(tmpdir(), "codex-home-")), "auth.json")
  writeFileSync(path, JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: accessToken, refresh_token: "refresh-1", account_id: ACCOUNT_ID }, last_refresh: new Date().toISOString() }), { mode: 0o600 })
  return path
}

export interface CodexHarness {
  app: InProcessApp
  backend: FakeServer
  /** http://127.0.0.1:port of a real server around the app, for the SDKs. */
  url: string
  /** JSON bodies the backend received, in order. */
  bodies(): Promise<Record<string, any>[]>
  stop(): Promise<void>
}

/**
 * The app with oauth_codex reading a test auth.json and codex pointed at a fake ChatGPT
 * backend (`answer`, default: a recorded Codex stream), served on a real port too.
 */
export async function startCodexHarness(answer: (request: Request) => Response | Promise<Response> = () => sseResponse([recorded("ccproxy-api.codex_responses_stream.response.sse")]), settings: Record<string, unknown> = {}): Promise<CodexHarness> {
  const backend = startFakeServer(answer)
  const app = await createTestApp({
    settings: {
      "plugins.codex.base_url": `${backend.url}/backend-api/codex`,
      "plugins.oauth_codex.credentials_file": writeCodexAuth(),
      "plugins.codex.stream_idle_timeout": 5,
      ...settings,
    },
  })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  return {
    app,
    backend,
    url: `http://127.0.0.1:${server.port}`,
    bodies: () => Promise.all(backend.requests.map((request) => request.clone().json() as Promise<Record<string, any>>)),
    stop: async () => {
      server.stop(true)
      await backend.stop()
    },
  }
}
