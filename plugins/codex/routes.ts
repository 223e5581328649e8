import type { AnyElysia } from "elysia"
import type { CredentialSource } from "~/auth/credential-source"
import type { PluginContext } from "~/core/plugins/context"
import type { FormatId } from "~/formats/types"
import { createModelMapper } from "~/providers/model-map"
import { proxyRequest } from "~/providers/proxy"
import { requestContextOf } from "~/server/request-context"
import { codexEventDropper } from "./codex-events"
import type { CodexConfig } from "./config"
import { codexModelsList, readModelsCache } from "./models-list"
import { prepareCodexRequest } from "./prepare"
import { rateLimitsFromEvent, rateLimitsFromHeaders, type RateLimitSnapshot } from "./rate-limits"

export interface CodexState {
  credentials: CredentialSource
  lastUpstreamStatus: number | null
  rateLimits: RateLimitSnapshot | null
}

/** The routes under /codex: native Responses, Chat and Anthropic Messages through conversion, models. */
export function codexRoutes(app: AnyElysia, context: PluginContext<CodexConfig>, state: () => CodexState): AnyElysia {
  const config = context.config
  const mapModel = createModelMapper(config.model_mappings)
  const timeouts = { requestMs: config.request_timeout * 1000, streamIdleMs: config.stream_idle_timeout * 1000 }
  const forward = (request: Request, clientFormat: FormatId) => {
    const current = state()
    const remember = (snapshot: RateLimitSnapshot | undefined) => {
      if (!snapshot) return
      current.rateLimits = snapshot
      const metadata = requestContextOf(request)?.metadata
      if (metadata) metadata.codex_rate_limits = snapshot
    }
    return proxyRequest({
      context,
      request,
      clientFormat,
      providerFormat: "openai.responses",
      credentials: current.credentials,
      mapModel,
      timeouts,
      upstreamAlwaysStreams: true,
      onUpstreamStatus: (status) => (current.lastUpstreamStatus = status),
      prepare: (body, credentials, info) => prepareCodexRequest(body, credentials, config, info),
      adaptUpstreamResponse: (response) => {
        remember(rateLimitsFromHeaders(response.headers))
        return response
      },
      dropUpstreamEvent: codexEventDropper((event) => {
        if (event.type === "codex.rate_limits") remember(rateLimitsFromEvent(event))
      }),
    })
  }
  const detail = (summary: string) => ({ detail: { summary }, parse: "none" as const })
  const responses = detail("OpenAI Responses on the ChatGPT backend; the stream passes through (minus codex.* events)")
  return app
    .post("/v1/responses", ({ request }) => forward(request, "openai.responses"), responses)
    .post("/responses", ({ request }) => forward(request, "openai.responses"), { ...responses, detail: { ...responses.detail, hide: true } })
    .post("/v1/chat/completions", ({ request }) => forward(request, "openai.chat_completions"), detail("OpenAI Chat Completions, converted to and from Responses"))
    .post("/v1/messages", ({ request }) => forward(request, "anthropic.messages"), detail("Anthropic Messages (Claude Code on a ChatGPT subscription), converted to and from Responses"))
    .get("/v1/models", () => codexModelsList(config.models, readModelsCache()), { detail: { summary: "Models, in a shape the OpenAI and Anthropic SDKs and the Codex CLI read" } })
}
