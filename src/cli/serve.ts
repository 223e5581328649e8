import { defineCommand } from "citty"
import { loadValidConfig, type LoadOptions } from "~/config/load"
import { configureLogging, logger } from "~/core/log"
import { startServer, type RunningServer } from "~/server/serve"
import { VERSION } from "~/version"
import { configArgs, loadOptionsFromArgs } from "./config-flags"
import { localServerUrl } from "./health"

const log = logger("ccproxy")

/** Starts the proxy and keeps it running until SIGINT or SIGTERM; resolves with the exit code. */
export async function runServe(options: LoadOptions): Promise<number> {
  const loaded = loadValidConfig(options)
  configureLogging({ level: loaded.settings.logging.level, format: loaded.settings.logging.format })
  if (loaded.file) log.info(`config file ${loaded.file}`)

  // Signals are handled from the start: one arriving while plugins initialize still shuts down cleanly.
  let stopRequested = false
  let server: RunningServer | undefined
  let resolveExit: (code: number) => void = () => {}
  const exited = new Promise<number>((resolve) => (resolveExit = resolve))
  let signals = 0
  const onSignal = (signal: string) => {
    signals++
    if (signals > 1) {
      log.warn(`second ${signal}: exiting now`)
      process.exit(1)
    }
    log.info(`${signal} received`)
    stopRequested = true
    if (server) void server.stop().then(() => resolveExit(0))
  }
  process.on("SIGINT", () => onSignal("SIGINT"))
  process.on("SIGTERM", () => onSignal("SIGTERM"))

  server = await startServer(loaded, VERSION)
  if (stopRequested) void server.stop().then(() => resolveExit(0))
  // Clients cannot connect to a wildcard address (0.0.0.0, ::) everywhere: show the loopback one.
  else printClientHints(localServerUrl(server.hostname, server.port), Boolean(loaded.settings.security.auth_token), (name) => server?.system.registry.get(name)?.state === "active")
  return exited
}

/** Where to point clients, for each provider that is running. */
function printClientHints(url: string, withToken: boolean, isActive: (plugin: string) => boolean) {
  const key = withToken ? "your security.auth_token" : "any value (no auth token is set)"
  const routes: Array<[string, string, string]> = [
    ["claude_api", "claude", "Claude subscription"],
    ["codex", "codex", "ChatGPT subscription"],
    ["copilot", "copilot", "Copilot subscription"],
  ]
  for (const [plugin, prefix, label] of routes) {
    if (!isActive(plugin)) continue
    log.info(`${label}: Anthropic clients ANTHROPIC_BASE_URL=${url}/${prefix}; OpenAI clients base URL ${url}/${prefix}/v1`)
  }
  log.info(`API key for clients: ${key}; the Codex CLI needs a model_providers entry with base_url (see README)`)
}

export const serveCommand = defineCommand({
  meta: { name: "serve", description: "Run the proxy server" },
  args: configArgs,
  run: ({ args, rawArgs }) => runServe(loadOptionsFromArgs(args, rawArgs)),
})
