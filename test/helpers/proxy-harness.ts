import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { AnyPluginFactory } from "~/core/plugins/factory"
import type { FormatId } from "~/formats/types"
import { FakeCredentials, fakeProvider } from "./fake-provider"
import { startFakeServer } from "./fake-server"
import { createTestApp } from "./test-server"

/** Distinctive secrets for leak checks: none of them has a well-known token shape, so only real redaction hides them. */
export const SECRETS = {
  proxyToken: "proxy-auth-Q1W2E3R4T5Y6",
  clientKey: "client-key-Z9X8C7V6B5N4",
  upstreamToken: "upstream-bearer-P0O9I8U7Y6",
}

class DistinctCredentials extends FakeCredentials {
  override async current() {
    return { accessToken: this.generation === 1 ? SECRETS.upstreamToken : `${SECRETS.upstreamToken}-${this.generation}` }
  }
}

/**
 * The fake provider behind a real socket, with `security.auth_token` set to SECRETS.proxyToken;
 * upstream is a fake server answering `upstream`. Call `stop()` when done.
 */
export async function startProxy(options: {
  upstream: (request: Request) => Response | Promise<Response>
  plugins: AnyPluginFactory[]
  settings?: Record<string, unknown>
  providerFormat?: FormatId
  upstreamPath?: string
}) {
  const fake = startFakeServer(options.upstream)
  const credentials = new DistinctCredentials()
  const provider = fakeProvider({ upstreamUrl: () => `${fake.url}${options.upstreamPath ?? "/v1/messages"}`, providerFormat: options.providerFormat ?? "anthropic.messages", credentials })
  const app = await createTestApp({ plugins: [provider, ...options.plugins], settings: { "security.auth_token": SECRETS.proxyToken, ...options.settings } })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  const url = `http://127.0.0.1:${server.port}`
  const clientHeaders = { authorization: `Bearer ${SECRETS.proxyToken}`, "x-api-key": SECRETS.clientKey, "content-type": "application/json" }
  return {
    app,
    fake,
    url,
    clientHeaders,
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { ...clientHeaders, ...headers } }),
    async stop() {
      await app.system.registry.shutdownAll()
      server.stop(true)
      await fake.stop()
    },
  }
}

/** Every file under `dir`, path → content. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name), "utf8"))
  }
  return files
}

export function expectNoSecrets(files: Map<string, string>, extra: string[] = []): void {
  for (const [path, content] of files) {
    for (const secret of [...Object.values(SECRETS), ...extra]) {
      if (content.includes(secret)) throw new Error(`${path} leaks ${secret}`)
    }
  }
}

/** Polls until `check` stops throwing (files are written in the background). */
export async function eventually<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await Bun.sleep(10)
    }
  }
}

export const anthropicReply = (extra: Record<string, unknown> = {}) =>
  Response.json({ id: "msg_1", type: "message", role: "assistant", model: "long-model-name", content: [{ type: "text", text: "hello" }], stop_reason: "end_turn", usage: { input_tokens: 7, output_tokens: 3 }, ...extra })
