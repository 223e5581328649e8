import type { AccessCredentials } from "~/auth/credential-source"
import { forwardableRequestHeaders } from "~/providers/headers"
import type { CodexConfig } from "./config"

/** Headers meant for Anthropic (Claude Code on /codex/v1/messages) that have no business at OpenAI. */
const FOREIGN_HEADER = /^(anthropic-|x-stainless-|x-claude-code-|x-app$)/

/**
 * Upstream headers for the ChatGPT backend: the client's own minus credentials and
 * Anthropic-only ones, then the bearer token, the ChatGPT account, a session id and the
 * Codex CLI identity. A Codex CLI client (it sends `originator`) keeps its own identity.
 */
export function codexHeaders(clientHeaders: Headers, credentials: AccessCredentials, config: CodexConfig, sessionId: string): Headers {
  const headers = forwardableRequestHeaders(clientHeaders)
  for (const name of [...headers.keys()]) if (FOREIGN_HEADER.test(name)) headers.delete(name)
  headers.set("authorization", `Bearer ${credentials.accessToken}`)
  if (credentials.accountId) headers.set("chatgpt-account-id", credentials.accountId)
  else headers.delete("chatgpt-account-id")
  headers.set("session_id", sessionId)
  const codexClient = clientHeaders.has("originator")
  if (!codexClient) {
    headers.set("originator", config.originator)
    headers.set("user-agent", config.user_agent)
  }
  if (!headers.has("version")) headers.set("version", config.version)
  if (!headers.has("openai-beta")) headers.set("openai-beta", "responses=experimental")
  headers.set("content-type", "application/json")
  headers.set("accept", "text/event-stream")
  return headers
}

/** The session id the client gave (Codex CLI `session_id` / `session-id`, Claude Code's own), if any. */
export function clientSessionId(clientHeaders: Headers): string | undefined {
  return clientHeaders.get("session_id") ?? clientHeaders.get("session-id") ?? clientHeaders.get("x-claude-code-session-id") ?? undefined
}
