import { defineSystemPlugin, HookEvent, HookPriority, type HookContext, type PluginContext } from "ccproxy/plugin"
import { join } from "node:path"
import { BackgroundFileWriter, requestFileStem } from "~/core/background-file-writer"
import { headerSecrets, redactHeaders, redactOAuthFields, redactUrl, scrubSecrets } from "~/core/redact-payload"
import { curlCommand, xhCommand, type ReplayRequest } from "./build-commands"
import { commandReplayConfig, replayDir, urlReplayed, type CommandReplayConfig } from "./config"

interface Replayer {
  dir: string
  writer: BackgroundFileWriter
  proxyToken?: string
}

/** Per running instance (keyed by its config object), so several servers can share a process. */
const replayers = new WeakMap<CommandReplayConfig, Replayer>()

function replayRequest(data: Record<string, unknown>, config: CommandReplayConfig, proxyToken: string | undefined): ReplayRequest {
  const headers = data.headers as Headers
  const request = { method: String(data.method ?? "POST"), url: String(data.url), streaming: data.is_streaming === true }
  if (!config.redact_secrets) return { ...request, headers: Object.fromEntries(headers), body: JSON.stringify(data.body) }
  const secrets = [...headerSecrets(headers), proxyToken]
  // Only known credentials and OAuth fields: the body (prompts, tool schemas) must replay as it was sent.
  const body = scrubSecrets(JSON.stringify(redactOAuthFields(data.body)), secrets)
  return { ...request, url: redactUrl(request.url), headers: redactHeaders(headers), body }
}

function writeCommands(context: PluginContext<CommandReplayConfig>, replayer: Replayer, event: HookContext): void {
  const { config } = context
  const request = replayRequest(event.data, config, replayer.proxyToken)
  const header = `#!/bin/sh\n# ccproxy command_replay: request ${event.requestId ?? "?"} to ${event.provider ?? "?"} at ${new Date(event.timestamp).toISOString()}\n${config.redact_secrets ? "# Credentials are [redacted]: put real values back before running.\n" : ""}`
  const commands: Array<[string, string]> = []
  if (config.generate_curl) commands.push(["curl", curlCommand(request, config.pretty_format)])
  if (config.generate_xh) commands.push(["xh", xhCommand(request, config.pretty_format)])
  const id = requestFileStem(event.requestId)
  if (config.write_to_files && config.separate_files_per_command) {
    for (const [tool, text] of commands) replayer.writer.write(join(replayer.dir, `${id}_${tool}.sh`), header + text)
  } else if (config.write_to_files && commands.length) {
    replayer.writer.write(join(replayer.dir, `${id}_commands.sh`), header + commands.map(([, text]) => text).join("\n"))
  }
  if (config.log_to_console) {
    const level = config.log_level === "TRACE" ? "trace" : config.log_level === "DEBUG" ? "debug" : "info"
    for (const [tool, text] of commands) context.logger[level](`${tool} replay of ${event.requestId}:\n${text}`)
  }
}

/** curl and xh commands that reproduce each provider request, redacted unless asked otherwise. */
export const factory = defineSystemPlugin({
  name: "command_replay",
  version: "1.0.0",
  description: "Writes curl and xh commands that reproduce each provider request",
  enabledByDefault: false,
  config: commandReplayConfig,
  hooks: [
    {
      name: "command_replay.provider_request",
      events: [HookEvent.PROVIDER_REQUEST_PREPARED],
      // After the hooks that change the request, so the command sends what was really sent.
      priority: HookPriority.OBSERVATION + 10,
      create: (context) => (event) => {
        const replayer = replayers.get(context.config)
        if (!replayer || !urlReplayed(context.config, String(event.data.url))) return
        // This hook is awaited before the upstream call: the body is serialised in a later task.
        setImmediate(() => writeCommands(context, replayer, event))
      },
    },
  ],
  setup(context) {
    const config = context.config
    const dir = replayDir(config)
    const writer = new BackgroundFileWriter({
      maxPending: config.max_pending_files,
      onError: (path, error) => {
        if (writer.failed === 1 || writer.failed % 100 === 0) context.logger.warn(`cannot write ${path} (${writer.failed} failed so far): ${(error as Error).message}`)
      },
    })
    replayers.set(config, { dir, writer, proxyToken: context.settings.security.auth_token })
    if (config.write_to_files) context.logger.info(`writing replay commands into ${dir}`)
    return {
      async shutdown() {
        replayers.delete(config)
        await writer.close()
      },
      healthCheck: () => ({ status: "healthy", details: { dir, written: writer.written, dropped: writer.dropped, failed: writer.failed } }),
    }
  },
})
