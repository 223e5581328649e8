import type { AccessCredentials } from "~/auth/credential-source"
import type { PrepareInfo, PreparedUpstream } from "~/providers/proxy"
import type { CodexConfig } from "./config"
import { clientSessionId, codexHeaders } from "./headers"
import { prepareCodexBody } from "./prepare-body"

/** The upstream call for a Responses body: `POST {base_url}/responses`, always streamed. */
export function prepareCodexRequest(body: Record<string, unknown>, credentials: AccessCredentials, config: CodexConfig, info: PrepareInfo): PreparedUpstream {
  const prepared = prepareCodexBody(body, config, info.conversion)
  const sessionId = clientSessionId(info.clientHeaders) ?? String(prepared.prompt_cache_key)
  const base = config.base_url.replace(/\/+$/, "")
  return { url: `${base}/responses`, headers: codexHeaders(info.clientHeaders, credentials, config, sessionId), body: prepared }
}
