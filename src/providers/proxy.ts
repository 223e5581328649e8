import type { AccessCredentials, CredentialSource } from "~/auth/credential-source"
import { InvalidRequestError, UpstreamError } from "~/core/errors"
import type { PluginContext } from "~/core/plugins/context"
import { HookEvent } from "~/core/plugins/hook-events"
import type { RequestContext } from "~/core/plugins/middleware"
import { collectResponsesStream } from "~/formats/openai-responses/collect-response"
import { SseParser } from "~/formats/sse/parse"
import { createConversionContext, type ConversionContext, type FormatId } from "~/formats/types"
import { requestContextOf } from "~/server/request-context"
import { forwardableResponseHeaders } from "./headers"
import { jsonCopy } from "./json-copy"
import { restoreModelInJson, restoreModelInText } from "./model-restore"
import { readJsonBody } from "./read-json-body"
import { convertSse, identityStreamConverter, passthroughSse, type DropEvent, type StreamOutcome } from "./sse-streams"
import { fetchUpstream } from "./upstream"
import { upstreamErrorResponse } from "./upstream-error"
import { StreamUsageObserver, trailingUsage, usageFromResponse, type Usage } from "./usage"
import { WARNINGS_HEADER, warningsHeaderValue } from "./warnings-header"

/** The upstream call a provider builds for one provider-format body. */
export interface PreparedUpstream {
  url: string
  headers: Headers
  body: Record<string, unknown>
}

export interface PrepareInfo {
  stream: boolean
  clientHeaders: Headers
  conversion: ConversionContext
}

/** Everything a provider route hands to `proxyRequest`. */
export interface ProxyRoute {
  context: PluginContext<any>
  request: Request
  clientFormat: FormatId
  providerFormat: FormatId
  credentials: CredentialSource
  mapModel(model: string): string
  /** Provider headers, URL and body fix-ups; called again with new credentials after a 401. */
  prepare(body: Record<string, unknown>, credentials: AccessCredentials, info: PrepareInfo): PreparedUpstream
  /** The upstream only streams: a non-stream client gets the response assembled from the stream. */
  upstreamAlwaysStreams?: boolean
  timeouts: { requestMs: number; streamIdleMs: number }
  /** Called once per request with its outcome, for provider health. */
  onUpstreamStatus?(status: number): void
  /** A successful upstream answer before it is read (its headers). */
  adaptUpstreamResponse?(response: Response): Response
  /** Vendor-only upstream stream events to take out (true drops), decided in the stream's one parse. */
  dropUpstreamEvent?: DropEvent
}

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" }

/**
 * The provider request path: read the client body, map the model, convert the request to
 * the provider's format (recording warnings), call upstream (refreshing credentials once on a
 * 401), and answer in the client's format: streamed through unchanged when the formats match,
 * converted event by event when they do not, or assembled from the stream when the client
 * asked for JSON from an upstream that only streams.
 */
export async function proxyRequest(route: ProxyRoute): Promise<Response> {
  const { context, request } = route
  const requestContext = requestContextOf(request)
  const clientBody = await readJsonBody(request, context.settings.server.max_body_bytes)
  // Every provider route needs one; without it the upstream answers something obscure, or the
  // conversion sends "model": "" and the error names a field the client never wrote.
  if (typeof clientBody.model !== "string" || clientBody.model.trim() === "") {
    throw new InvalidRequestError(clientBody.model === undefined || clientBody.model === "" ? 'Request body has no "model": name the model to use' : `"model" must be a non-empty string, got ${JSON.stringify(clientBody.model)}`)
  }
  const stream = clientBody.stream === true
  const requestedModel = typeof clientBody.model === "string" ? clientBody.model : undefined
  const upstreamModel = requestedModel === undefined ? undefined : route.mapModel(requestedModel)
  const conversion = createConversionContext(clientBody)
  const mapped = upstreamModel === undefined ? clientBody : { ...clientBody, model: upstreamModel }
  const sameFormat = route.clientFormat === route.providerFormat
  const toProvider = sameFormat ? undefined : context.formats.get(route.clientFormat, route.providerFormat)
  const toClient = sameFormat ? undefined : context.formats.get(route.providerFormat, route.clientFormat)
  if (!sameFormat && (!toProvider || !toClient)) throw new Error(`no format adapter between ${route.clientFormat} and ${route.providerFormat}`)
  const providerBody = (toProvider ? toProvider.convertRequest(mapped, conversion) : { ...mapped }) as Record<string, unknown>
  const upstreamStreams = route.upstreamAlwaysStreams === true || stream
  if (upstreamStreams) providerBody.stream = true
  else if ("stream" in providerBody) providerBody.stream = false

  const metadata = requestContext?.metadata ?? {}
  Object.assign(metadata, {
    provider: context.name,
    endpoint: requestContext?.url.pathname ?? new URL(request.url).pathname,
    client_format: route.clientFormat,
    provider_format: route.providerFormat,
    model: requestedModel,
    upstream_model: upstreamModel,
    streaming: stream,
    conversion_warnings: conversion.warnings,
  })

  const started = Date.now()
  const upstream = await callWithRefresh(route, providerBody, { stream: upstreamStreams, clientHeaders: request.headers, conversion }, requestContext).catch((error: unknown) => {
    if (UpstreamError.isInstance(error)) route.onUpstreamStatus?.(error.status)
    throw error
  })
  route.onUpstreamStatus?.(upstream.response.status)
  // Logged after prepare, so what the provider itself had to change is in the log line too.
  if (conversion.warnings.length) context.logger.info(`conversion ${route.clientFormat} -> ${route.providerFormat} lost details`, { request_id: requestContext?.requestId, warnings: conversion.warnings.map((w) => `${w.code} ${w.path}: ${w.message}`) })
  if (route.adaptUpstreamResponse && upstream.response.status < 400) upstream.response = route.adaptUpstreamResponse(upstream.response)
  metadata.upstream_status = upstream.response.status
  const hookExtra = { requestId: requestContext?.requestId, provider: context.name }
  const base = { method: "POST", url: upstream.url, model: upstreamModel, response_headers: upstream.response.headers }

  if (upstream.response.status >= 400) {
    const text = await upstream.call.readText(upstream.response)
    metadata.upstream_duration_ms = Date.now() - started
    metadata.error_type = `upstream_${upstream.response.status}`
    context.hooks.emit(HookEvent.PROVIDER_ERROR, { ...base, status_code: upstream.response.status, duration_ms: metadata.upstream_duration_ms, error: text.slice(0, 500), body: text }, hookExtra)
    return upstreamErrorResponse(upstream.response, text, { clientFormat: route.clientFormat, providerFormat: route.providerFormat, adapter: toClient, requestBody: clientBody })
  }

  const headers = forwardableResponseHeaders(upstream.response.headers)
  const warnings = warningsHeaderValue(conversion.warnings)
  if (warnings) headers.set(WARNINGS_HEADER, warnings)
  const recordUsage = (usage: Usage) => Object.assign(metadata, usageMetadata(usage))
  const restore = requestedModel !== undefined && requestedModel !== upstreamModel ? requestedModel : undefined

  if (stream && upstream.response.body) {
    upstream.call.settle()
    for (const [name, value] of Object.entries(SSE_HEADERS)) headers.set(name, value)
    context.hooks.emit(HookEvent.PROVIDER_STREAM_START, { ...base, status_code: upstream.response.status }, hookExtra)
    const usage = new StreamUsageObserver(route.providerFormat)
    const wantsChunks = context.hooks.hasListeners(HookEvent.PROVIDER_STREAM_CHUNK)
    const observer = {
      onEvent: (event: Parameters<StreamUsageObserver["observe"]>[0]) => usage.observe(event),
      onChunk: (chunk_number: number, chunk_size: number) => {
        if (chunk_number === 1) metadata.ttft_ms = Date.now() - (requestContext?.startedAt ?? started)
        if (wantsChunks) context.hooks.emit(HookEvent.PROVIDER_STREAM_CHUNK, { chunk_number, chunk_size }, hookExtra)
      },
      onEnd: (outcome: StreamOutcome) => {
        recordUsage(usage.usage())
        metadata.upstream_duration_ms = Date.now() - started
        if (!outcome.ok) metadata.error_type = outcome.error === "client disconnected" ? "client_disconnected" : "stream_interrupted"
        context.hooks.emit(HookEvent.PROVIDER_STREAM_END, { ...base, ...usageMetadata(usage.usage()), total_chunks: outcome.chunks, total_bytes: outcome.bytes, duration_ms: Date.now() - started, status_code: upstream.response.status, ok: outcome.ok, error: outcome.error }, hookExtra)
        if (!outcome.ok) context.logger.warn(`stream ended badly: ${outcome.error}`, { request_id: requestContext?.requestId })
        // After the bookkeeping above, so request.completed / request.failed carry it.
        if (outcome.cancelled) requestContext?.bodyWatcher?.onError(new Error("client disconnected"), outcome.sent)
        else requestContext?.bodyWatcher?.onEnd(outcome.sent)
      },
    }
    const idleTimeoutMs = route.timeouts.streamIdleMs
    const body =
      sameFormat && !restore
        ? passthroughSse(upstream.response.body, route.providerFormat, { idleTimeoutMs, observer, drop: route.dropUpstreamEvent, shutdown: context.shutdownDeadline })
        : convertSse(upstream.response.body, toClient ? toClient.convertStream(conversion) : identityStreamConverter(route.clientFormat), {
            idleTimeoutMs,
            observer,
            upstreamFormat: route.providerFormat,
            clientFormat: route.clientFormat,
            rewrite: restore ? (text) => restoreModelInText(text, restore) : undefined,
            drop: route.dropUpstreamEvent,
            shutdown: context.shutdownDeadline,
          })
    // The stream reports its own end to the request hooks (observer.onEnd above): no wrapper needed.
    if (requestContext?.bodyWatcher) requestContext.watchedBody = body
    return new Response(body, { status: upstream.response.status, headers })
  }

  const upstreamText = await upstream.call.readText(upstream.response)
  metadata.upstream_duration_ms = Date.now() - started
  // Same format and model, and no hook wants the parsed body: the upstream's bytes go back as
  // they came, and only their trailing usage object is parsed.
  const untouched = !toClient && !restore && !upstreamStreams
  const usageOnly = untouched && !context.hooks.hasListeners(HookEvent.PROVIDER_RESPONSE_RECEIVED) ? trailingUsage(upstreamText) : undefined
  let text = upstreamText
  if (usageOnly) recordUsage(usageFromResponse(route.providerFormat, { usage: usageOnly }))
  else {
    const providerResponse = upstreamStreams ? assembleFromStream(upstreamText, route.providerFormat, route.dropUpstreamEvent) : readUpstreamJson(upstreamText, upstream.url)
    const usage = usageFromResponse(route.providerFormat, providerResponse)
    recordUsage(usage)
    context.hooks.emit(HookEvent.PROVIDER_RESPONSE_RECEIVED, { ...base, ...usageMetadata(usage), body: providerResponse, status_code: upstream.response.status, duration_ms: Date.now() - started }, hookExtra)
    const converted = toClient ? toClient.convertResponse(providerResponse, conversion) : providerResponse
    const finalWarnings = warningsHeaderValue(conversion.warnings)
    if (finalWarnings) headers.set(WARNINGS_HEADER, finalWarnings)
    if (!untouched) text = JSON.stringify(restore ? restoreModelInJson(converted, restore) : converted)
  }
  headers.set("content-type", "application/json")
  return new Response(text, { status: upstream.response.status, headers })
}

function usageMetadata(usage: Usage): Record<string, unknown> {
  const { model: _model, ...tokens } = usage
  return tokens
}

/** Sends the request; after a 401, asks for fresh credentials once and retries once. */
async function callWithRefresh(route: ProxyRoute, body: Record<string, unknown>, info: PrepareInfo, requestContext: RequestContext | undefined) {
  const { context } = route
  const send = async (credentials: AccessCredentials) => {
    // Each attempt gets its own copy: prepare and the hooks may change it, and a retry starts from the original.
    const prepared = route.prepare(jsonCopy(body), credentials, info)
    // Hook payloads are built only when a hook listens (none does with the default plugins).
    const data: { url: unknown; headers: unknown; body: unknown } = context.hooks.hasListeners(HookEvent.PROVIDER_REQUEST_PREPARED)
      ? ((
          await context.hooks.emitAndWait(
            HookEvent.PROVIDER_REQUEST_PREPARED,
            // `warnings` is the conversion's own list: hooks that change the body push to it, and the
            // x-ccproxy-warnings header is built from it after this call.
            { method: "POST", url: prepared.url, headers: prepared.headers, body: prepared.body, is_streaming: info.stream, endpoint: requestContext?.url.pathname ?? new URL(route.request.url).pathname, provider_format: route.providerFormat, warnings: info.conversion.warnings },
            { requestId: requestContext?.requestId, provider: context.name },
          )
        ).data as { url: unknown; headers: unknown; body: unknown })
      : prepared
    const url = String(data.url)
    if (context.hooks.hasListeners(HookEvent.PROVIDER_REQUEST_SENT)) context.hooks.emit(HookEvent.PROVIDER_REQUEST_SENT, { method: "POST", url }, { requestId: requestContext?.requestId, provider: context.name })
    const call = await fetchUpstream(
      { url, headers: data.headers as Headers, body: JSON.stringify(data.body) },
      { timeoutMs: route.timeouts.requestMs, clientSignal: route.request.signal },
    )
    return { call, response: call.response, url }
  }
  const credentials = await route.credentials.current()
  const first = await send(credentials)
  if (first.response.status !== 401) return first
  first.call.settle()
  await first.response.body?.cancel().catch(() => {})
  context.logger.info("upstream answered 401; refreshing credentials and retrying once", { request_id: requestContext?.requestId })
  return send(await route.credentials.afterUnauthorized(credentials))
}

function readUpstreamJson(text: string, url: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new UpstreamError(`Upstream sent a response that is not JSON (${text.slice(0, 120)})`, 502, url)
  }
}

/** The complete response from an upstream that only streams (the ChatGPT backend). */
function assembleFromStream(text: string, format: FormatId, drop: DropEvent | undefined): Record<string, unknown> {
  const parser = new SseParser({ drop })
  const events = [...parser.push(text), ...parser.end()]
  if (format !== "openai.responses") throw new Error(`cannot assemble a ${format} response from a stream`)
  const collected = collectResponsesStream(events)
  if (collected.ok) return collected.response
  throw new UpstreamError(`Upstream stream failed: ${String(collected.error.message ?? JSON.stringify(collected.error))}`, collected.status, "")
}
