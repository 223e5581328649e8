import type { AccessCredentials } from "~/auth/credential-source"
import type { ConversionWarning } from "~/formats/types"
import type { PreparedUpstream } from "~/providers/proxy"
import type { ClaudeApiConfig } from "./config"
import { dropForeignReasoning } from "./foreign-reasoning"
import { anthropicHeaders } from "./headers"
import { prepareSystem } from "./system-prompt"

/** Body fixes Anthropic needs: no null temperature, and temperature wins over top_p. */
export function fixSamplingParameters(body: Record<string, unknown>): void {
  if (body.temperature === null) delete body.temperature
  if (body.top_p === null) delete body.top_p
  if (body.temperature !== undefined && body.top_p !== undefined) delete body.top_p
}

/** The upstream call for an Anthropic Messages body. */
export function prepareAnthropicRequest(
  body: Record<string, unknown>,
  credentials: AccessCredentials,
  options: { config: ClaudeApiConfig; fullPrompt: string; clientHeaders: Headers; stream: boolean; path: string; search: string; warnings: ConversionWarning[] },
): PreparedUpstream {
  fixSamplingParameters(body)
  dropForeignReasoning(body, options.warnings)
  if (options.path === "/v1/messages") {
    const system = prepareSystem(body.system, options.config.system_prompt_injection_mode, options.fullPrompt)
    if (system === undefined) delete body.system
    else body.system = system
  }
  const base = options.config.base_url.replace(/\/+$/, "")
  return { url: `${base}${options.path}${options.search}`, headers: anthropicHeaders(options.clientHeaders, credentials, options.stream), body }
}
