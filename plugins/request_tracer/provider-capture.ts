import type { HookContext } from "ccproxy/plugin"
import { pathTraced, type RequestTracerConfig } from "./config"
import type { CapturedBody, TraceSink } from "./trace-sink"

const REMEMBERED_REQUESTS = 10_000

function capturedText(text: string, maxBytes: number): CapturedBody {
  const bytes = Buffer.from(text)
  if (bytes.byteLength <= maxBytes) return { text, bytes: bytes.byteLength, truncated: false }
  return { text: new TextDecoder().decode(bytes.subarray(0, maxBytes)), bytes: bytes.byteLength, truncated: true }
}

const capturedJson = (value: unknown, maxBytes: number) => capturedText(typeof value === "string" ? value : JSON.stringify(value), maxBytes)

function responseDetails(data: Record<string, unknown>): Record<string, unknown> {
  const picked = Object.entries(data).filter(([key]) => key.startsWith("tokens_") || ["model", "duration_ms", "ok", "error", "total_chunks", "total_bytes"].includes(key))
  return Object.fromEntries(picked.filter(([key]) => key !== "error" || data.body === undefined))
}

/**
 * The provider side of a trace, from hooks. Whether a request is traced depends on its client
 * path, which only provider.request.prepared carries; the later events find it by request id.
 */
export class ProviderCapture {
  private readonly traced = new Set<string>()

  constructor(
    private readonly config: RequestTracerConfig,
    private readonly sink: TraceSink,
  ) {}

  /** Runs inside the awaited prepared hook: it only keeps references and leaves the work to a later task. */
  onPrepared(event: HookContext): void {
    const { data, requestId } = event
    if (!requestId || !pathTraced(this.config, String(data.endpoint ?? ""))) return
    this.remember(requestId)
    if (!this.config.log_provider_request) return
    const { method, url, headers, body } = data
    setImmediate(() =>
      this.sink.record({
        requestId,
        kind: "provider_request",
        method: String(method ?? "POST"),
        url: String(url),
        headers: headers as Headers,
        body: capturedJson(body, this.config.max_body_size),
        details: { provider: event.provider, provider_format: data.provider_format, is_streaming: data.is_streaming },
      }),
    )
  }

  /** provider.response.received, provider.error and provider.stream.end: one of them ends each upstream call. */
  onResponse(event: HookContext): void {
    const { data, requestId } = event
    if (!requestId || !this.traced.delete(requestId) || !this.config.log_provider_response) return
    const streamed = event.event === "provider.stream.end"
    this.sink.record({
      requestId,
      kind: "provider_response",
      url: String(data.url ?? ""),
      status: typeof data.status_code === "number" ? data.status_code : 0,
      headers: data.response_headers as Headers | undefined,
      body: data.body === undefined ? undefined : capturedJson(data.body, this.config.max_body_size),
      note: streamed ? `streamed: ${data.total_bytes} bytes in ${data.total_chunks} chunks; the provider stream itself is not kept` : undefined,
      details: { provider: event.provider, ...responseDetails(data) },
    })
  }

  private remember(requestId: string): void {
    // Calls that throw before any response event leave their id behind; the oldest go first.
    if (this.traced.size >= REMEMBERED_REQUESTS) this.traced.delete(this.traced.values().next().value!)
    this.traced.add(requestId)
  }
}
