import { readFileSync } from "node:fs"
import { defineProviderPlugin } from "ccproxy/plugin"
import { expandHome } from "~/config/expand-home"
import { credentialHealth, ProviderStates, requireCredentials } from "~/providers/plugin-support"
import { claudeApiConfig } from "./config"
import { claudeRoutes, type ClaudeApiState } from "./routes"

const states = new ProviderStates<ClaudeApiState>("claude_api")

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
      build: (app, context) => claudeRoutes(app, context, states.reader(context.config)),
    },
  ],
  setup(context) {
    const credentials = requireCredentials(context, "claude-api", "oauth_claude")
    const config = context.config
    const fullPrompt = config.system_prompt_injection_mode === "full" && config.system_prompt_file ? readFileSync(expandHome(config.system_prompt_file), "utf8") : ""
    const state: ClaudeApiState = { credentials, fullPrompt, lastUpstreamStatus: null }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      healthCheck: () => credentialHealth(credentials, { base_url: config.base_url, last_upstream_status: state.lastUpstreamStatus }),
    }
  },
})
