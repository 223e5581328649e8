import { readFileSync } from "node:fs"
import { defineProviderPlugin, PluginError } from "ccproxy/plugin"
import { credentialServiceName, type CredentialSource } from "~/auth/credential-source"
import { expandHome } from "~/config/expand-home"
import { claudeApiConfig } from "./config"
import { claudeRoutes, type ClaudeApiState } from "./routes"

const states = new WeakMap<object, ClaudeApiState>()

/** Anthropic Messages with a Claude subscription's OAuth token; Chat and Responses through the format library. */
export const factory = defineProviderPlugin({
  name: "claude_api",
  version: "1.0.0",
  description: "Claude Pro/Max subscription through the Anthropic Messages API, for Anthropic and OpenAI clients",
  dependencies: ["oauth_claude"],
  config: claudeApiConfig,
  requiresFormatAdapters: [
    ["openai.chat_completions", "anthropic.messages"],
    ["anthropic.messages", "openai.chat_completions"],
    ["openai.responses", "anthropic.messages"],
    ["anthropic.messages", "openai.responses"],
  ],
  routes: [
    {
      prefix: "/claude",
      tags: ["claude"],
      build: (app, context) =>
        claudeRoutes(app, context, () => {
          const state = states.get(context.config)
          if (!state) throw new PluginError("claude_api", "not initialized")
          return state
        }),
    },
  ],
  setup(context) {
    const credentials = context.services.get<CredentialSource>(credentialServiceName("claude-api"))
    if (!credentials) throw new PluginError("claude_api", "the oauth_claude plugin did not provide credentials")
    const config = context.config
    const fullPrompt = config.system_prompt_injection_mode === "full" && config.system_prompt_file ? readFileSync(expandHome(config.system_prompt_file), "utf8") : ""
    const state: ClaudeApiState = { credentials, fullPrompt, lastUpstreamStatus: null }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      // A fresh look at storage: another program may have fixed the credentials since a failed refresh.
      healthCheck: async () => {
        const health = (await credentials.inspect?.()) ?? credentials.health()
        return {
          status: health.present && !health.error ? "healthy" : "unhealthy",
          details: { base_url: config.base_url, credentials: health, last_upstream_status: state.lastUpstreamStatus },
        }
      },
    }
  },
})
