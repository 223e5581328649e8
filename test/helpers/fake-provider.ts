import type { AccessCredentials, CredentialSource } from "~/auth/credential-source"
import { AuthError } from "~/core/errors"
import { defineProviderPlugin } from "~/core/plugins/factory"
import type { FormatId } from "~/formats/types"
import { createModelMapper } from "~/providers/model-map"
import { proxyRequest } from "~/providers/proxy"

/** Credentials that hand out `token-N` and move to the next number when told a token was rejected. */
export class FakeCredentials implements CredentialSource {
  generation = 1
  refreshes = 0
  failRefresh = false
  async current(): Promise<AccessCredentials> {
    return { accessToken: `token-${this.generation}` }
  }
  async afterUnauthorized(): Promise<AccessCredentials> {
    this.refreshes++
    if (this.failRefresh) throw new AuthError("refresh failed; run `ccproxy auth login fake`")
    this.generation++
    return this.current()
  }
  health() {
    return { present: true, source: "test", expiresAt: null, lastRefresh: null }
  }
}

/**
 * A provider plugin named `fake` over the real provider request path: routes
 * /fake/v1/messages, /fake/v1/chat/completions and /fake/v1/responses go to `upstreamUrl`
 * speaking `providerFormat`.
 */
export function fakeProvider(options: { upstreamUrl: () => string; providerFormat: FormatId; credentials: CredentialSource; requestMs?: number; idleMs?: number; alwaysStreams?: boolean }) {
  const route = (request: Request, clientFormat: FormatId) =>
    proxyRequest({
      context: contextRef.current!,
      request,
      clientFormat,
      providerFormat: options.providerFormat,
      credentials: options.credentials,
      mapModel: createModelMapper([{ match: "short", target: "long-model-name", kind: "exact" }]),
      upstreamAlwaysStreams: options.alwaysStreams,
      timeouts: { requestMs: options.requestMs ?? 5000, streamIdleMs: options.idleMs ?? 5000 },
      prepare: (body, credentials) => ({ url: options.upstreamUrl(), headers: new Headers({ authorization: `Bearer ${credentials.accessToken}`, "content-type": "application/json" }), body }),
    })
  const contextRef: { current?: Parameters<typeof proxyRequest>[0]["context"] } = {}
  return defineProviderPlugin({
    name: "fake",
    version: "1.0.0",
    routes: [
      {
        prefix: "/fake",
        build: (app, context) => {
          contextRef.current = context
          return app
            .post("/v1/messages", ({ request }) => route(request, "anthropic.messages"), { parse: "none" })
            .post("/v1/chat/completions", ({ request }) => route(request, "openai.chat_completions"), { parse: "none" })
            .post("/v1/responses", ({ request }) => route(request, "openai.responses"), { parse: "none" })
        },
      },
    ],
  })
}
