import type { AnyElysia } from "elysia"
import type { CredentialSource } from "~/auth/credential-source"
import type { PluginContext } from "~/core/plugins/context"
import type { FormatId } from "~/formats/types"
import { createModelMapper } from "~/providers/model-map"
import { proxyRequest } from "~/providers/proxy"
import { requestContextOf } from "~/server/request-context"
import type { ClaudeApiConfig } from "./config"
import { modelsList } from "./models-list"
import { prepareAnthropicRequest } from "./prepare"

export interface ClaudeApiState {
  credentials: CredentialSource
  fullPrompt: string
  lastUpstreamStatus: number | null
}

/** The routes under /claude: native Messages, count_tokens, Chat and Responses through conversion, models. */
export function claudeRoutes(app: AnyElysia, context: PluginContext<ClaudeApiConfig>, state: () => ClaudeApiState): AnyElysia {
  const config = context.config
  const mapModel = createModelMapper(config.model_mappings)
  const timeouts = { requestMs: config.request_timeout * 1000, streamIdleMs: config.stream_idle_timeout * 1000 }
  const forward = (request: Request, clientFormat: FormatId, upstreamPath: string) => {
    const current = state()
    const search = upstreamPath === "/v1/messages" && clientFormat === "anthropic.messages" ? (requestContextOf(request)?.url ?? new URL(request.url)).search : ""
    return proxyRequest({
      context,
      request,
      clientFormat,
      providerFormat: "anthropic.messages",
      credentials: current.credentials,
      mapModel,
      timeouts,
      onUpstreamStatus: (status) => (current.lastUpstreamStatus = status),
      prepare: (body, credentials, info) =>
        prepareAnthropicRequest(body, credentials, { config, fullPrompt: current.fullPrompt, clientHeaders: info.clientHeaders, stream: info.stream, path: upstreamPath, search, warnings: info.conversion.warnings }),
    })
  }
  const detail = (summary: string) => ({ detail: { summary }, parse: "none" as const })
  return app
    .post("/v1/messages", ({ request }) => forward(request, "anthropic.messages", "/v1/messages"), detail("Anthropic Messages, streamed through unchanged"))
    .post("/v1/messages/count_tokens", ({ request }) => forward(request, "anthropic.messages", "/v1/messages/count_tokens"), detail("Anthropic token counting"))
    .post("/v1/chat/completions", ({ request }) => forward(request, "openai.chat_completions", "/v1/messages"), detail("OpenAI Chat Completions, converted to and from Anthropic Messages"))
    .post("/v1/responses", ({ request }) => forward(request, "openai.responses", "/v1/messages"), detail("OpenAI Responses, converted to and from Anthropic Messages"))
    .get("/v1/models", () => modelsList(config.models), { detail: { summary: "Models, in a shape both the OpenAI and Anthropic SDKs read" } })
}
