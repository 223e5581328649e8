import { defineProviderPlugin, PluginError } from "ccproxy/plugin"
import { credentialServiceName, type CredentialSource } from "~/auth/credential-source"
import { codexConfig } from "./config"
import { codexRoutes, type CodexState } from "./routes"

const states = new WeakMap<object, CodexState>()

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
      build: (app, context) =>
        codexRoutes(app, context, () => {
          const state = states.get(context.config)
          if (!state) throw new PluginError("codex", "not initialized")
          return state
        }),
    },
  ],
  setup(context) {
    const credentials = context.services.get<CredentialSource>(credentialServiceName("codex"))
    if (!credentials) throw new PluginError("codex", "the oauth_codex plugin did not provide credentials")
    const config = context.config
    const state: CodexState = { credentials, lastUpstreamStatus: null, rateLimits: null }
    states.set(config, state)
    return {
      shutdown: () => void states.delete(config),
      // A fresh look at storage: another program may have fixed the credentials since a failed refresh.
      healthCheck: async () => {
        const health = (await credentials.inspect?.()) ?? credentials.health()
        return {
          status: health.present && !health.error ? "healthy" : "unhealthy",
          details: { base_url: config.base_url, credentials: health, last_upstream_status: state.lastUpstreamStatus, rate_limits: state.rateLimits },
        }
      },
    }
  },
})
