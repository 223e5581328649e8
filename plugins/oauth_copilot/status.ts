import { compact, expiryDetails, loggedOutStatus, maskedToken } from "~/auth/status-details"
import { readStoredLogin } from "~/auth/stored-login"
import type { CredentialStatus } from "~/core/plugins/oauth"
import { copilotToken, githubToken, renewAt, storedAccountType } from "./credentials-file"
import type { CopilotTokenStore } from "./token-store"

/** `auth status copilot`: the account and both tokens, masked, from the file alone (no network). */
export async function copilotStatus(store: CopilotTokenStore): Promise<CredentialStatus> {
  const { stored: data, corrupt } = await readStoredLogin(() => store.read(true))
  if (corrupt) return loggedOutStatus(store.path, { error: corrupt.message })
  const github = githubToken(data)
  if (!github) return loggedOutStatus(store.path, { hint: "run `ccproxy auth login copilot`" })
  const copilot = copilotToken(data)
  const fetchedAt = typeof data?.updated_at === "number" ? data.updated_at : undefined
  const copilotDetails = copilot
    ? compact({ ...expiryDetails(renewAt(copilot, fetchedAt)), api: copilot.endpoints?.api, sku: copilot.sku, token: maskedToken(copilot.token) })
    : { hint: "exchanged on the first request or with `ccproxy auth refresh copilot`" }
  return {
    loggedIn: true,
    details: compact({
      source: "file",
      file: store.path,
      github_login: typeof data?.github_login === "string" ? data.github_login : undefined,
      account_type: storedAccountType(data),
      github_token: maskedToken(github),
      copilot_token: copilotDetails,
    }),
  }
}
