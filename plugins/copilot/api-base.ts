import type { CopilotAccess } from "../oauth_copilot/credentials"
import { ACCOUNT_API, type CopilotConfig } from "./config"

/** Where API calls go: base_url when set, else the host GitHub named with the token, else the account type's. */
export function apiBase(config: CopilotConfig, credentials: CopilotAccess): string {
  const base = config.base_url || credentials.apiBaseUrl || ACCOUNT_API[config.account_type]
  return base.replace(/\/+$/, "")
}
