import type { PrepareInfo, PreparedUpstream } from "~/providers/proxy"
import type { FormatId } from "~/formats/types"
import type { CopilotAccess } from "../oauth_copilot/credentials"
import { apiBase } from "./api-base"
import type { CopilotConfig } from "./config"
import { copilotHeaders } from "./headers"
import { carriesImages, foldReminderMessages, initiatorOf } from "./request-traits"

type Json = Record<string, unknown>

export type CopilotEndpoint = "/chat/completions" | "/responses" | "/embeddings"

const matchesPrefix = (model: unknown, prefixes: readonly string[]) => typeof model === "string" && prefixes.some((prefix) => model.startsWith(prefix))

/**
 * GPT-5 and o-series models take `max_completion_tokens` on Copilot's Chat Completions and
 * refuse `max_tokens`; the others (Claude, Gemini, GPT-4) want `max_tokens`. Same meaning,
 * so the rename is not reported as a loss.
 */
function fixTokenLimit(body: Json, config: CopilotConfig): void {
  const wantsCompletion = matchesPrefix(body.model, config.max_completion_tokens_models)
  const [from, to] = wantsCompletion ? ["max_tokens", "max_completion_tokens"] : ["max_completion_tokens", "max_tokens"]
  if (body[from] === undefined) return
  if (body[to] === undefined) body[to] = body[from]
  delete body[from]
}

/** The upstream call for one provider-format body: URL, headers (X-Initiator, vision), and the body. */
export function prepareCopilotRequest(body: Json, credentials: CopilotAccess, config: CopilotConfig, endpoint: CopilotEndpoint, info: PrepareInfo): PreparedUpstream {
  const format: FormatId = endpoint === "/responses" ? "openai.responses" : "openai.chat_completions"
  if (endpoint === "/chat/completions") fixTokenLimit(body, config)
  const conversational = endpoint !== "/embeddings"
  if (conversational) foldReminderMessages(body, format)
  const headers = copilotHeaders(info.clientHeaders, credentials.accessToken, config, {
    stream: info.stream,
    initiator: conversational ? initiatorOf(body, format) : undefined,
    vision: conversational && carriesImages(body, format),
  })
  return { url: `${apiBase(config, credentials)}${endpoint}`, headers, body }
}
