import { join } from "node:path"
import { BackgroundFileWriter, requestFileStem } from "~/core/background-file-writer"
import { headerSecrets, redactBodyText, redactHeaders, redactJson, redactUrl, scrubSecrets } from "~/core/redact-payload"
import type { RequestTracerConfig, TraceDirs } from "./config"

export type TraceKind = "client_request" | "client_response" | "provider_request" | "provider_response"

/** A body as far as it was kept: `bytes` counts everything seen, `text` at most max_body_size of it. */
export interface CapturedBody {
  text: string
  bytes: number
  truncated: boolean
}

/** One HTTP message of a request's life, as captured; redacted and written by `TraceSink.record`. */
export interface TraceMessage {
  requestId: string | undefined
  kind: TraceKind
  method?: string
  url?: string
  status?: number
  headers?: Headers | Record<string, string>
  body?: CapturedBody
  /** Why there is no body, when there is none to show. */
  note?: string
  details?: Record<string, unknown>
}

interface Prepared {
  url?: string
  headers: Record<string, string>
  bodyText?: string
  secrets: string[]
}

// Requests whose upstream credentials are remembered; the oldest are forgotten first.
const REMEMBERED_REQUESTS = 1000

/** Turns captured messages into `{id}_{kind}.json` and `{id}_{kind}.http` files, redacted, written in the background. */
export class TraceSink {
  /** Credentials sent upstream per request id, scrubbed from that request's later files (an upstream may echo them). */
  private readonly upstreamSecrets = new Map<string, string[]>()

  constructor(
    private readonly config: RequestTracerConfig,
    private readonly dirs: TraceDirs,
    readonly writer: BackgroundFileWriter,
    private readonly knownSecrets: readonly string[],
  ) {}

  record(message: TraceMessage): void {
    const prepared = this.prepare(message)
    const name = `${requestFileStem(message.requestId)}_${message.kind}`
    const scrub = (text: string) => (this.config.redact_sensitive ? scrubSecrets(text, prepared.secrets) : text)
    if (this.config.json_logs_enabled) this.writer.write(join(this.dirs.json, `${name}.json`), scrub(this.json(message, prepared)))
    if (this.config.raw_http_enabled) this.writer.write(join(this.dirs.raw, `${name}.http`), scrub(rawHttp(message, prepared)))
  }

  private prepare(message: TraceMessage): Prepared {
    const extra = this.config.exclude_headers
    if (!this.config.redact_sensitive) {
      const headers = message.headers instanceof Headers ? Object.fromEntries(message.headers) : { ...message.headers }
      return { url: message.url, headers, bodyText: message.body?.text, secrets: [] }
    }
    const headers = redactHeaders(message.headers, extra)
    const contentType = headers["content-type"] ?? ""
    const bodyText = message.body === undefined ? undefined : redactBodyText(message.body.text, contentType)
    const own = headerSecrets(message.headers, extra)
    if (message.kind === "provider_request" && message.requestId) this.rememberUpstream(message.requestId, own)
    const upstream = message.requestId ? (this.upstreamSecrets.get(message.requestId) ?? []) : []
    return { url: message.url && redactUrl(message.url), headers, bodyText, secrets: [...this.knownSecrets, ...own, ...upstream] }
  }

  private rememberUpstream(requestId: string, secrets: string[]): void {
    if (secrets.length === 0) return
    const known = this.upstreamSecrets.get(requestId) ?? []
    this.upstreamSecrets.delete(requestId)
    if (this.upstreamSecrets.size >= REMEMBERED_REQUESTS) this.upstreamSecrets.delete(this.upstreamSecrets.keys().next().value!)
    this.upstreamSecrets.set(requestId, [...known, ...secrets])
  }

  private json(message: TraceMessage, prepared: Prepared): string {
    const { body } = message
    const details = message.details && (this.config.redact_sensitive ? redactJson(message.details) : message.details)
    return JSON.stringify(
      {
        request_id: message.requestId,
        kind: message.kind,
        timestamp: new Date().toISOString(),
        method: message.method,
        url: prepared.url,
        status: message.status,
        headers: prepared.headers,
        body: prepared.bodyText === undefined ? undefined : parsedOrText(prepared.bodyText, body!.truncated),
        body_bytes: body?.bytes,
        body_truncated: body?.truncated || undefined,
        note: message.note,
        ...(details as Record<string, unknown> | undefined),
      },
      null,
      2,
    )
  }
}

function parsedOrText(text: string, truncated: boolean): unknown {
  if (truncated) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The reason phrase; node:http is loaded on the first raw trace, not at every start (the tracer is off by default). */
function statusText(status: number): string {
  const { STATUS_CODES } = require("node:http") as typeof import("node:http")
  return STATUS_CODES[status] ?? ""
}

function rawHttp(message: TraceMessage, prepared: Prepared): string {
  const lines: string[] = []
  if (message.status === undefined) {
    const url = prepared.url ? new URL(prepared.url) : undefined
    lines.push(`${message.method ?? "POST"} ${url ? url.pathname + url.search : "/"} HTTP/1.1`)
    if (url && !("host" in prepared.headers)) lines.push(`host: ${url.host}`)
  } else {
    lines.push(`HTTP/1.1 ${message.status} ${statusText(message.status)}`.trimEnd())
  }
  for (const [name, value] of Object.entries(prepared.headers)) lines.push(`${name}: ${value}`)
  let body = prepared.bodyText ?? ""
  const { body: captured } = message
  if (captured?.truncated) body += `\r\n[ccproxy: body cut; ${captured.bytes} bytes in all, max_body_size kept]`
  if (message.note) body += `${body ? "\r\n" : ""}[ccproxy: ${message.note}]`
  return `${lines.join("\r\n")}\r\n\r\n${body}`
}
