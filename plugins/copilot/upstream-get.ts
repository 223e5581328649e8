import { fetchUpstream } from "~/providers/upstream"
import type { CopilotAccess, CopilotCredentials } from "../oauth_copilot/credentials"
import { apiBase } from "./api-base"
import type { CopilotConfig } from "./config"
import { copilotIdentityHeaders } from "./headers"

/** GET `{api}{path}` with the service token; after a 401 the token is exchanged again and the call made once more. */
export async function copilotGet(credentials: CopilotCredentials, config: CopilotConfig, path: string): Promise<{ status: number; text: string }> {
  const send = async (access: CopilotAccess) => {
    const headers = copilotIdentityHeaders(config, access.accessToken)
    headers.set("accept", "application/json")
    const call = await fetchUpstream({ url: `${apiBase(config, access)}${path}`, method: "GET", headers }, { timeoutMs: config.request_timeout * 1000 })
    return { status: call.response.status, text: await call.readText() }
  }
  const access = await credentials.current()
  const first = await send(access)
  if (first.status !== 401) return first
  return send(await credentials.afterUnauthorized(access))
}
