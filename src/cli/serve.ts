import { defineCommand } from "citty"
import { loadValidConfig, type LoadOptions } from "~/config/load"
import { configureLogging, logger } from "~/core/log"
import { startServer, type RunningServer } from "~/server/serve"
import { VERSION } from "~/version"
import { configArgs, loadOptionsFromArgs } from "./config-flags"

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
  else printClientHints(server.url, Boolean(loaded.settings.security.auth_token), (name) => server?.system.registry.get(name)?.state === "active")
  return exited
}

/** Where to point clients, for each provider that is running. */
function printClientHints(url: string, withToken: boolean, isActive: (plugin: string) => boolean) {
  const key = withToken ? "<your security.auth_token>" : "ccproxy"
  if (isActive("claude_api")) {
    log.info(`Claude subscription: ANTHROPIC_BASE_URL=${url}/claude (Claude Code, Anthropic SDK); OPENAI_BASE_URL=${url}/claude/v1 (OpenAI SDK); API key: ${key}`)
  }
  if (isActive("codex")) {
    log.info(`ChatGPT subscription: OPENAI_BASE_URL=${url}/codex/v1 (OpenAI SDK, Codex CLI); ANTHROPIC_BASE_URL=${url}/codex (Claude Code); API key: ${key}`)
  }
}

export const serveCommand = defineCommand({
  meta: { name: "serve", description: "Run the proxy server" },
  args: configArgs,
  run: ({ args, rawArgs }) => runServe(loadOptionsFromArgs(args, rawArgs)),
})
