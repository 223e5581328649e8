import { defineProviderPlugin, PluginError } from "ccproxy/plugin"
import { credentialServiceName } from "~/auth/credential-source"
import type { CopilotCredentials } from "../oauth_copilot/credentials"
import { copilotConfig } from "./config"
import { copilotRoutes, type CopilotState } from "./routes"

const states = new WeakMap<object, CopilotState>()

/** GitHub Copilot's OpenAI-shaped API with a Copilot subscription; Anthropic and Responses clients through the format library. */
export const factory = defineProviderPlugin({
  name: "copilot",
  version: "1.0.0",
  description: "GitHub Copilot subscription through Copilot's Chat Completions and Responses APIs, for OpenAI and Anthropic clients",
  dependencies: ["oauth_copilot"],
  config: copilotConfig,
  requiresFormatAdapters: [
    ["anthropic.messages", "openai.chat_completions"],
    ["openai.chat_completions", "anthropic.messages"],
    ["openai.responses", "openai.chat_completions"],
    ["openai.chat_completions", "openai.responses"],
    ["anthropic.messages", "openai.responses"],
    ["openai.responses", "anthropic.messages"],
  ],
  routes: [
    {
      prefix: "/copilot",
      tags: ["copilot"],
      build: (app, context) =>
        copilotRoutes(app, context, () => {
          const state = states.get(context.config)
          if (!state) throw new PluginError("copilot", "not initialized")
          return state
        }),
    },
  ],
  setup(context) {
    const credentials = context.services.get<CopilotCredentials>(credentialServiceName("copilot"))
    if (!credentials) throw new PluginError("copilot", "the oauth_copilot plugin did not provide credentials")
    const config = context.config
    const state: CopilotState = { credentials, lastUpstreamStatus: null, modelEndpoints: new Map() }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      healthCheck: async () => {
        // A fresh look at storage, so a failure another program has since fixed does not stick.
        const health = (await credentials.inspect?.()) ?? credentials.health()
        return {
          status: health.present && !health.error ? "healthy" : "unhealthy",
          details: { base_url: config.base_url || "from the Copilot token", account_type: credentials.accountType() ?? config.account_type, credentials: health, last_upstream_status: state.lastUpstreamStatus },
        }
      },
    }
  },
})
