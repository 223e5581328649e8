import { AuthError, UpstreamError } from "~/core/errors"
import { redact } from "~/core/redact"
import type { CopilotCredentials } from "../oauth_copilot/credentials"

/**
 * GET /copilot/usage: the account's plan and quota snapshot (`quota_snapshots`,
 * `quota_reset_date`, ...) from GitHub's `copilot_internal/user`, asked with the GitHub token.
 * Anything token-shaped in GitHub's answer is redacted; no token of ours is ever in it.
 */
export async function copilotUsage(credentials: CopilotCredentials): Promise<Response> {
  const answer = await credentials.githubGet("/copilot_internal/user")
  if (answer.status === 401) throw new AuthError("GitHub rejected the stored GitHub token; run `ccproxy auth login copilot --force`")
  if (answer.status !== 200) throw new UpstreamError(`GitHub answered ${answer.status} for the Copilot usage`, answer.status >= 500 ? 502 : answer.status, "copilot_internal/user")
  const snapshot = redact(answer.data) as Record<string, unknown>
  return Response.json({ object: "copilot.usage", fetched_at: new Date().toISOString(), account_type: credentials.accountType() ?? null, ...snapshot })
}
