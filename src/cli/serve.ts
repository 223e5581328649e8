import { defineCommand } from "citty"
import { loadValidConfig, type LoadOptions } from "~/config/load"
import { configureLogging, logger } from "~/core/log"
import { startServer } from "~/server/serve"
import { VERSION } from "~/version"
import { configArgs, loadOptionsFromArgs } from "./config-flags"

const log = logger("ccproxy")

/** Starts the proxy and keeps it running until SIGINT or SIGTERM; resolves with the exit code. */
export async function runServe(options: LoadOptions): Promise<number> {
  const loaded = loadValidConfig(options)
  configureLogging({ level: loaded.settings.logging.level, format: loaded.settings.logging.format })
  if (loaded.file) log.info(`config file ${loaded.file}`)
  const server = await startServer(loaded, VERSION)
  printClientHints(server.url, Boolean(loaded.settings.security.auth_token))

  return new Promise<number>((resolve) => {
    let signals = 0
    const onSignal = (signal: string) => {
      signals++
      if (signals > 1) {
        log.warn(`second ${signal}: exiting now`)
        process.exit(1)
      }
      log.info(`${signal} received`)
      void server.stop().then(() => resolve(0))
    }
    process.on("SIGINT", () => onSignal("SIGINT"))
    process.on("SIGTERM", () => onSignal("SIGTERM"))
  })
}

function printClientHints(url: string, withToken: boolean) {
  const key = withToken ? "<your security.auth_token>" : "ccproxy"
  log.info(`Claude Code / Anthropic SDK: ANTHROPIC_BASE_URL=${url}/claude ANTHROPIC_API_KEY=${key}`)
  log.info(`OpenAI SDK / Codex-compatible tools: OPENAI_BASE_URL=${url}/codex/v1 OPENAI_API_KEY=${key}`)
}

export const serveCommand = defineCommand({
  meta: { name: "serve", description: "Run the proxy server" },
  args: configArgs,
  run: ({ args, rawArgs }) => runServe(loadOptionsFromArgs(args, rawArgs)),
})
