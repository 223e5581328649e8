import { defineProviderPlugin } from "ccproxy/plugin"
import { credentialHealth, ProviderStates, requireCredentials } from "~/providers/plugin-support"
import type { CopilotCredentials } from "../oauth_copilot/credentials"
import { copilotConfig } from "./config"
import { copilotRoutes, type CopilotState } from "./routes"

const states = new ProviderStates<CopilotState>("copilot")

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
      build: (app, context) => copilotRoutes(app, context, states.reader(context.config)),
    },
  ],
  setup(context) {
    const credentials = requireCredentials<CopilotCredentials>(context, "copilot", "oauth_copilot")
    const config = context.config
    const state: CopilotState = { credentials, lastUpstreamStatus: null, modelEndpoints: new Map() }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      healthCheck: () =>
        credentialHealth(credentials, { base_url: config.base_url || "from the Copilot token", account_type: credentials.accountType() ?? config.account_type, last_upstream_status: state.lastUpstreamStatus }),
    }
  },
})
