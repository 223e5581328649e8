import { randomUUID } from "node:crypto"
import { forwardableRequestHeaders } from "~/providers/headers"
import type { CopilotConfig } from "./config"
import type { Initiator } from "./request-traits"

/** Client headers meant for other vendors (Claude Code, the SDKs' telemetry); Copilot gets its own identity instead. */
const FOREIGN_HEADER = /^(anthropic-|x-stainless-|x-claude-code-|x-app$|openai-organization$|openai-project$|x-initiator$|copilot-vision-request$)/

export interface CopilotCallTraits {
  stream: boolean
  initiator?: Initiator
  vision?: boolean
}

/** The editor identity Copilot expects on every API call (facts §2.6), with the service token. */
export function copilotIdentityHeaders(config: CopilotConfig, token: string): Headers {
  return new Headers({
    authorization: `Bearer ${token}`,
    "copilot-integration-id": config.integration_id,
    "editor-version": config.editor_version,
    "editor-plugin-version": config.editor_plugin_version,
    "user-agent": config.user_agent,
    "x-github-api-version": config.api_version,
    "openai-intent": config.openai_intent,
    "x-request-id": randomUUID(),
  })
}

/**
 * Upstream headers for a Copilot API call: the client's own minus credentials and other
 * vendors' headers, then the identity, `X-Initiator` and, for images, `Copilot-Vision-Request`.
 */
export function copilotHeaders(clientHeaders: Headers, token: string, config: CopilotConfig, traits: CopilotCallTraits): Headers {
  const headers = forwardableRequestHeaders(clientHeaders)
  for (const name of [...headers.keys()]) if (FOREIGN_HEADER.test(name)) headers.delete(name)
  copilotIdentityHeaders(config, token).forEach((value, name) => headers.set(name, value))
  headers.set("content-type", "application/json")
  headers.set("accept", traits.stream ? "text/event-stream" : "application/json")
  if (traits.initiator) headers.set("x-initiator", traits.initiator)
  if (traits.vision) headers.set("copilot-vision-request", "true")
  return headers
}
