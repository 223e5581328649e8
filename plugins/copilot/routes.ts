import type { AnyElysia } from "elysia"
import type { PluginContext } from "~/core/plugins/context"
import type { FormatId } from "~/formats/types"
import { createModelMapper } from "~/providers/model-map"
import { proxyRequest } from "~/providers/proxy"
import type { CopilotAccess, CopilotCredentials } from "../oauth_copilot/credentials"
import type { CopilotConfig } from "./config"
import { copilotModelName } from "./models"
import { copilotModels, servedOnlyByResponses, type ModelEndpoints } from "./models-list"
import { prepareCopilotRequest, type CopilotEndpoint } from "./prepare"
import { copilotUsage } from "./usage"

export interface CopilotState {
  credentials: CopilotCredentials
  lastUpstreamStatus: number | null
  modelEndpoints: ModelEndpoints
}

/** The client's model, read from a copy of the body so the proxy still reads the original. */
async function peekModel(request: Request): Promise<string | undefined> {
  try {
    const body = (await request.clone().json()) as { model?: unknown } | null
    return typeof body?.model === "string" ? body.model : undefined
  } catch {
    return undefined
  }
}

/** The routes under /copilot: Chat (native), Anthropic Messages and Responses (converted or native), embeddings, models, usage. */
export function copilotRoutes(app: AnyElysia, context: PluginContext<CopilotConfig>, state: () => CopilotState): AnyElysia {
  const config = context.config
  const ruleMapper = createModelMapper(config.model_mappings)
  const mapModel = (model: string) => copilotModelName(ruleMapper(model))
  const timeouts = { requestMs: config.request_timeout * 1000, streamIdleMs: config.stream_idle_timeout * 1000 }

  const proxy = (request: Request, clientFormat: FormatId, endpoint: CopilotEndpoint) => {
    const current = state()
    return proxyRequest({
      context,
      request,
      clientFormat,
      providerFormat: endpoint === "/responses" ? "openai.responses" : "openai.chat_completions",
      credentials: current.credentials,
      mapModel,
      timeouts,
      onUpstreamStatus: (status) => (current.lastUpstreamStatus = status),
      prepare: (body, credentials, info) => prepareCopilotRequest(body, credentials as CopilotAccess, config, endpoint, info),
    })
  }
  /** Chat Completions upstream, unless the model is one Copilot serves only on /responses. */
  const forward = async (request: Request, clientFormat: FormatId) => {
    const model = await peekModel(request)
    const responsesOnly = model !== undefined && servedOnlyByResponses(mapModel(model), config, state().modelEndpoints)
    return proxy(request, clientFormat, responsesOnly ? "/responses" : "/chat/completions")
  }

  const detail = (summary: string) => ({ detail: { summary }, parse: "none" as const })
  return app
    .post("/v1/chat/completions", ({ request }) => forward(request, "openai.chat_completions"), detail("OpenAI Chat Completions, streamed through unchanged (Responses-only models converted)"))
    .post("/v1/messages", ({ request }) => forward(request, "anthropic.messages"), detail("Anthropic Messages (Claude Code on a Copilot subscription), converted to and from Chat Completions"))
    .post("/v1/responses", ({ request }) => forward(request, "openai.responses"), detail("OpenAI Responses, converted to Chat Completions, or native for Responses-only models"))
    .post("/v1/embeddings", ({ request }) => proxy(request, "openai.chat_completions", "/embeddings"), detail("OpenAI embeddings, passed through"))
    .get("/v1/models", () => copilotModels(state().credentials, config, state().modelEndpoints), { detail: { summary: "Copilot's live model list (a fallback list when it cannot be fetched)" } })
    .get("/usage", () => copilotUsage(state().credentials), { detail: { summary: "Plan and premium-request quota of the GitHub account; never any token" } })
}
