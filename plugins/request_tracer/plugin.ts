import { defineSystemPlugin, HookEvent, HookPriority, MiddlewareLayer } from "ccproxy/plugin"
import { BackgroundFileWriter } from "~/core/background-file-writer"
import { clientCapture } from "./client-capture"
import { requestTracerConfig, traceDirs, type RequestTracerConfig } from "./config"
import { ProviderCapture } from "./provider-capture"
import { TraceSink } from "./trace-sink"

interface Tracer {
  sink: TraceSink
  provider: ProviderCapture
}

/** Per running instance (keyed by its config object), so several servers can share a process. */
const tracers = new WeakMap<RequestTracerConfig, Tracer>()

/** Per-request trace files for the client and provider sides, written off the request path. */
export const factory = defineSystemPlugin({
  name: "request_tracer",
  version: "1.0.0",
  description: "Per-request JSON and raw HTTP traces of the client and provider requests and responses, redacted",
  enabledByDefault: false,
  config: requestTracerConfig,
  middleware: [
    {
      name: "client_capture",
      priority: MiddlewareLayer.OBSERVABILITY,
      create: (context) => clientCapture(context.config, () => tracers.get(context.config)?.sink),
    },
  ],
  hooks: [
    {
      name: "request_tracer.provider_request",
      events: [HookEvent.PROVIDER_REQUEST_PREPARED],
      // After every hook that may change the request (<= PROCESSING), so the trace shows what was sent.
      priority: HookPriority.OBSERVATION + 20,
      create: (context) => (event) => tracers.get(context.config)?.provider.onPrepared(event),
    },
    {
      name: "request_tracer.provider_response",
      events: [HookEvent.PROVIDER_RESPONSE_RECEIVED, HookEvent.PROVIDER_ERROR, HookEvent.PROVIDER_STREAM_END],
      priority: HookPriority.OBSERVATION + 20,
      create: (context) => (event) => tracers.get(context.config)?.provider.onResponse(event),
    },
  ],
  setup(context) {
    const config = context.config
    const dirs = traceDirs(config)
    const writer = new BackgroundFileWriter({
      maxPending: config.max_pending_files,
      onError: (path, error) => {
        if (writer.failed === 1 || writer.failed % 100 === 0) context.logger.warn(`cannot write trace ${path} (${writer.failed} failed so far): ${(error as Error).message}`)
      },
    })
    const proxyToken = context.settings.security.auth_token
    const sink = new TraceSink(config, dirs, writer, proxyToken ? [proxyToken] : [])
    tracers.set(config, { sink, provider: new ProviderCapture(config, sink) })
    context.logger.info(`tracing requests into ${dirs.json}${dirs.raw === dirs.json ? "" : ` and ${dirs.raw}`}`)
    return {
      async shutdown() {
        tracers.delete(config)
        await writer.close()
      },
      healthCheck: () => ({
        status: writer.failed > 0 && writer.written === 0 ? "unhealthy" : "healthy",
        details: { json_dir: dirs.json, raw_dir: dirs.raw, written: writer.written, dropped: writer.dropped, failed: writer.failed },
      }),
    }
  },
})
