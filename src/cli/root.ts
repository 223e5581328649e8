import { defineCommand } from "citty"
import { VERSION } from "~/version"

export const rootCommand = defineCommand({
  meta: { name: "ccproxy", version: VERSION, description: "Use your Claude, ChatGPT and Copilot subscriptions from any Anthropic- or OpenAI-compatible tool" },
  args: { version: { type: "boolean", alias: ["v"], description: "Print the version" } },
  subCommands: {
    serve: () => import("./serve").then((module) => module.serveCommand),
    config: () => import("./config").then((module) => module.configCommand),
    plugins: () => import("./plugins").then((module) => module.pluginsCommand),
    auth: () => import("./auth").then((module) => module.authCommand),
    usage: () => import("./usage").then((module) => module.usageCommand),
    health: () => import("./health").then((module) => module.healthCommand),
    completion: () => import("./completion").then((module) => module.completionCommand),
  },
})
