import { Value } from "@sinclair/typebox/value"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { oauthCopilotConfig, type OAuthCopilotConfig } from "../../../plugins/oauth_copilot/config"
import { startFakeServer, sseResponse, type FakeServer } from "../../helpers/fake-server"
import { tempDir } from "../../helpers/oauth-fakes"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"

const SHARED = join(import.meta.dir, "../../fixtures/upstream")
export const recorded = (name: string) => readFileSync(join(SHARED, "recorded", name), "utf8")
export const COPILOT_STREAM = recorded("ccproxy-api.copilot_chat_completions_tools_stream.response.sse")
export const RESPONSES_STREAM = recorded("openai-responses-gpt-5-reasoning-function_call.0.response.sse")

/** Distinctive token values, so a leak check can look for them anywhere. */
export const GITHUB_TOKEN = "gho_GitHubTokenForTests0123456789"
export const copilotTokenValue = (n: number) => `tid=copilot-service-token-${n};exp=9999999999;sku=copilot_pro`

export interface FakeGithub extends FakeServer {
  /** Copilot tokens handed out so far. */
  exchanges: number
  /** Sets the API host the token exchange names (`endpoints.api`). */
  apiUrl: string
}

/**
 * GitHub's token exchange, user and quota endpoints. Each exchange returns the next
 * `copilotTokenValue(n)`, valid for `lifetimeSeconds`, after `delayMs`.
 */
export function startFakeGithub(options: { lifetimeSeconds?: number; delayMs?: number; exchange?: (n: number) => Response | undefined } = {}): FakeGithub {
  const github: FakeGithub = Object.assign(
    startFakeServer(async (request) => {
      const path = new URL(request.url).pathname
      if (request.headers.get("authorization") !== `token ${GITHUB_TOKEN}`) return Response.json({ message: "Bad credentials" }, { status: 401 })
      if (path === "/copilot_internal/v2/token") {
        github.exchanges++
        if (options.delayMs) await Bun.sleep(options.delayMs)
        const scripted = options.exchange?.(github.exchanges)
        if (scripted) return scripted
        const lifetime = options.lifetimeSeconds ?? 1800
        return Response.json({ token: copilotTokenValue(github.exchanges), expires_at: Math.floor(Date.now() / 1000) + lifetime, refresh_in: lifetime - 300, endpoints: { api: github.apiUrl, proxy: "https://proxy.example" }, sku: "copilot_pro", chat_enabled: true })
      }
      if (path === "/user") return Response.json({ login: "octocat", id: 1 })
      if (path === "/copilot_internal/user") {
        return Response.json({ login: "octocat", copilot_plan: "individual", access_type_sku: "monthly_subscriber", quota_reset_date: "2026-07-01", quota_snapshots: { premium_interactions: { entitlement: 300, remaining: 120, percent_remaining: 40, unlimited: false } }, token: "should-never-be-shown" })
      }
      return new Response("not found", { status: 404 })
    }),
    { exchanges: 0, apiUrl: "" },
  )
  return github
}

export function oauthConfig(github: { url: string } | undefined, overrides: Partial<OAuthCopilotConfig> = {}): OAuthCopilotConfig {
  const base = github?.url ?? "http://127.0.0.1:9"
  return Value.Default(oauthCopilotConfig, {
    device_code_url: `${base}/login/device/code`,
    access_token_url: `${base}/login/oauth/access_token`,
    copilot_token_url: `${base}/copilot_internal/v2/token`,
    github_api_url: base,
    ...overrides,
  }) as OAuthCopilotConfig
}

/** A credentials file in a fresh folder holding the GitHub token (and `extra`); returns its path. */
export function credentialsFile(extra: Record<string, unknown> = {}): string {
  const path = join(tempDir("copilot-"), "credentials.json")
  writeFileSync(path, JSON.stringify({ oauth_token: { access_token: GITHUB_TOKEN, token_type: "bearer", scope: "read:user" }, account_type: "individual", ...extra }, null, 2), { mode: 0o600 })
  return path
}

export interface CopilotHarness {
  app: InProcessApp
  github: FakeGithub
  copilot: FakeServer
  url: string
  /** JSON bodies and headers Copilot received, in order. */
  calls(): Promise<Array<{ path: string; headers: Headers; body: Record<string, any> | undefined }>>
  stop(): Promise<void>
}

/** A Copilot-flavoured non-stream chat completion (no `object`, as Copilot sends). */
export function chatCompletion(model = "gpt-4o-2024-11-20") {
  return { id: "chatcmpl-1", created: 1758750868, model, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Sunny in New York." } }], usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 } }
}

/** Copilot's API by default: the recorded stream, a completion, the recorded Responses stream, embeddings, models. */
export async function defaultCopilotAnswer(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname
  if (path === "/models") return Response.json({ data: [{ id: "gpt-4o", object: "model", supported_endpoints: ["/chat/completions"] }, { id: "gpt-5-codex-live", supported_endpoints: ["/responses"] }], object: "list" })
  const body = request.method === "POST" ? ((await request.json()) as Record<string, any>) : {}
  if (path === "/embeddings") return Response.json({ object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2] }], model: body.model, usage: { prompt_tokens: 3, total_tokens: 3 } })
  if (path === "/responses") return body.stream ? sseResponse([RESPONSES_STREAM]) : Response.json(JSON.parse(/"type":"response.completed","response":(\{.*\}),"sequence_number"/.exec(RESPONSES_STREAM)![1]!))
  if (path === "/chat/completions") return body.stream ? sseResponse([COPILOT_STREAM]) : Response.json(chatCompletion())
  return new Response("not found", { status: 404 })
}

/**
 * The app with oauth_copilot reading a test credentials file and a fake GitHub, whose token
 * exchange names a fake Copilot API (`answer`) as `endpoints.api`; served on a real port too.
 */
export async function startCopilotHarness(
  options: { answer?: (request: Request) => Response | Promise<Response>; settings?: Record<string, unknown>; file?: string; github?: Parameters<typeof startFakeGithub>[0] } = {},
): Promise<CopilotHarness> {
  const copilot = startFakeServer(options.answer ?? defaultCopilotAnswer)
  const github = startFakeGithub(options.github)
  github.apiUrl = copilot.url
  const config = oauthConfig(github)
  const app = await createTestApp({
    settings: {
      "plugins.oauth_copilot.credentials_file": options.file ?? credentialsFile(),
      "plugins.oauth_copilot.copilot_token_url": config.copilot_token_url,
      "plugins.oauth_copilot.github_api_url": config.github_api_url,
      "plugins.copilot.stream_idle_timeout": 5,
      ...options.settings,
    },
  })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  return {
    app,
    github,
    copilot,
    url: `http://127.0.0.1:${server.port}`,
    calls: () =>
      Promise.all(
        copilot.requests.map(async (request) => ({
          path: new URL(request.url).pathname,
          headers: request.headers,
          body: request.method === "POST" ? ((await request.clone().json()) as Record<string, any>) : undefined,
        })),
      ),
    stop: async () => {
      await app.system.registry.shutdownAll()
      server.stop(true)
      await copilot.stop()
      await github.stop()
    },
  }
}
