import { defineProviderPlugin } from "ccproxy/plugin"
import { credentialHealth, ProviderStates, requireCredentials } from "~/providers/plugin-support"
import { codexConfig } from "./config"
import { codexRoutes, type CodexState } from "./routes"

const states = new ProviderStates<CodexState>("codex")

/** The ChatGPT backend's Responses API with a ChatGPT Plus/Pro login; Chat and Anthropic clients through the format library. */
export const factory = defineProviderPlugin({
  name: "codex",
  version: "1.0.0",
  description: "ChatGPT Plus/Pro subscription through the Codex backend Responses API, for OpenAI and Anthropic clients",
  dependencies: ["oauth_codex"],
  config: codexConfig,
  requiresFormatAdapters: [
    ["openai.chat_completions", "openai.responses"],
    ["openai.responses", "openai.chat_completions"],
    ["anthropic.messages", "openai.responses"],
    ["openai.responses", "anthropic.messages"],
  ],
  routes: [
    {
      prefix: "/codex",
      tags: ["codex"],
      build: (app, context) => codexRoutes(app, context, states.reader(context.config)),
    },
  ],
  setup(context) {
    const credentials = requireCredentials(context, "codex", "oauth_codex")
    const config = context.config
    const state: CodexState = { credentials, lastUpstreamStatus: null, rateLimits: null }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      healthCheck: () => credentialHealth(credentials, { base_url: config.base_url, last_upstream_status: state.lastUpstreamStatus, rate_limits: state.rateLimits }),
    }
  },
})
