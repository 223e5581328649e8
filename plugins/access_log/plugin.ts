import { defineSystemPlugin, HookEvent, HookPriority, pathPrefixMatcher } from "ccproxy/plugin"
import { accessLogConfig, type AccessLogConfig } from "./config"
import { formatAccessLine } from "./format-line"
import { LineWriter } from "./line-writer"
import { clientRecord, providerRecord, type RequestPricing } from "./records"

interface Writers {
  client?: LineWriter
  provider?: LineWriter
}

/** Writers per running instance (keyed by its config object), so several servers can share a process. */
const writersByInstance = new WeakMap<AccessLogConfig, Writers>()

function openWriters(config: AccessLogConfig): Writers {
  const interval = config.flush_interval
  const client = config.client_enabled ? new LineWriter(config.client_log_file, config.buffer_size, interval) : undefined
  if (!config.provider_enabled) return { client }
  const shared = client && config.provider_log_file === config.client_log_file
  return { client, provider: shared ? client : new LineWriter(config.provider_log_file, config.buffer_size, interval) }
}

/** Client and provider access lines, built only on hooks and its own config. */
export const factory = defineSystemPlugin({
  name: "access_log",
  version: "1.0.0",
  description: "Access lines for client requests and provider calls (structured JSON, common or combined)",
  config: accessLogConfig,
  optionalRequires: ["pricing"],
  hooks: [
    {
      name: "access_log.client",
      events: [HookEvent.REQUEST_COMPLETED, HookEvent.REQUEST_FAILED],
      priority: HookPriority.OBSERVATION + 50,
      create: (context) => {
        if (!context.config.client_enabled) return undefined
        const excluded = pathPrefixMatcher(context.config.exclude_paths)
        return (event) => {
          const writer = writersByInstance.get(context.config)?.client
          if (!writer || excluded(event.data.path)) return
          writer.write(formatAccessLine(clientRecord(event, context.services.get<RequestPricing>("pricing")), context.config.client_format))
        }
      },
    },
    {
      name: "access_log.provider",
      events: [HookEvent.PROVIDER_RESPONSE_RECEIVED, HookEvent.PROVIDER_ERROR, HookEvent.PROVIDER_STREAM_END],
      priority: HookPriority.OBSERVATION + 50,
      // Off by default; registered only when on, so it costs requests nothing (and the same-format JSON path keeps its fast lane).
      create: (context) => (context.config.provider_enabled ? (event) => void writersByInstance.get(context.config)?.provider?.write(formatAccessLine(providerRecord(event), context.config.provider_format)) : undefined),
    },
  ],
  setup(context) {
    const config = context.config
    const writers = openWriters(config)
    writersByInstance.set(config, writers)
    return {
      async shutdown() {
        await writers.client?.close()
        if (writers.provider !== writers.client) await writers.provider?.close()
        writersByInstance.delete(config)
      },
      healthCheck: () => ({
        status: "healthy",
        details: { client: config.client_enabled ? config.client_log_file : "off", provider: config.provider_enabled ? config.provider_log_file : "off" },
      }),
    }
  },
})
