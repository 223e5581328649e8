import { UpstreamError } from "~/core/errors"
import type { CopilotCredentials } from "../oauth_copilot/credentials"
import type { CopilotConfig } from "./config"
import { copilotGet } from "./upstream-get"

type Json = Record<string, unknown>

/** What Copilot said about each model's endpoints, from the last live list. */
export type ModelEndpoints = Map<string, string[]>

const CREATED = 1_750_000_000

function fallbackList(ids: readonly string[]) {
  return { object: "list", data: ids.map((id) => ({ id, object: "model", type: "model", created: CREATED, owned_by: "github-copilot", display_name: id })), has_more: false }
}

/** Each model's `supported_endpoints`, when the list carries them. */
function rememberEndpoints(data: Json[], into: ModelEndpoints): void {
  for (const model of data) {
    const endpoints = model.supported_endpoints
    if (typeof model.id === "string" && Array.isArray(endpoints)) into.set(model.id, endpoints.map(String))
  }
}

/**
 * GET /copilot/v1/models: Copilot's live list (ids, capabilities, supported endpoints), or the
 * configured fallback ids when Copilot cannot be asked. Not being logged in stays an error.
 */
export async function copilotModels(credentials: CopilotCredentials, config: CopilotConfig, endpoints: ModelEndpoints): Promise<Response> {
  let answer: { status: number; text: string } | undefined
  try {
    answer = await copilotGet(credentials, config, "/models")
  } catch (error) {
    if (!UpstreamError.isInstance(error)) throw error
  }
  const parsed = answer && answer.status === 200 ? safeJson(answer.text) : undefined
  if (!parsed || !Array.isArray(parsed.data)) return Response.json(fallbackList(config.fallback_models), { headers: { "x-ccproxy-models-source": "fallback" } })
  const data = parsed.data.filter((model): model is Json => !!model && typeof model === "object")
  rememberEndpoints(data, endpoints)
  const list = { ...parsed, object: "list", data: data.map((model) => ({ object: "model", ...model })) }
  return Response.json(list, { headers: { "x-ccproxy-models-source": "copilot" } })
}

function safeJson(text: string): Json | undefined {
  try {
    const value = JSON.parse(text)
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** Whether Copilot serves `model` only on /responses: the live list first, else the configured prefixes. */
export function servedOnlyByResponses(model: string, config: CopilotConfig, endpoints: ModelEndpoints): boolean {
  const known = endpoints.get(model)
  if (known && known.length > 0) return known.includes("/responses") && !known.includes("/chat/completions")
  return config.responses_only_models.some((prefix) => model.startsWith(prefix))
}
