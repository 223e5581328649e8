import { errorBody, errorTypeForStatus } from "~/formats/errors"
import type { FormatAdapter, FormatId } from "~/formats/types"
import { createConversionContext } from "~/formats/types"
import { forwardableResponseHeaders } from "./headers"

/**
 * An upstream error answer in the client's format, keeping the upstream status and its
 * retry-after / rate-limit headers. Bodies that are not JSON (a gateway's HTML page) become a
 * proper error object quoting their start.
 */
export function upstreamErrorResponse(upstream: Response, text: string, options: { clientFormat: FormatId; providerFormat: FormatId; adapter?: FormatAdapter; requestBody?: unknown }): Response {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    const excerpt = text.replace(/\s+/g, " ").trim().slice(0, 300)
    body = errorBody(options.providerFormat, upstream.status, `Upstream answered ${upstream.status}${excerpt ? `: ${excerpt}` : ""}`, errorTypeForStatus(upstream.status))
  }
  let status = upstream.status
  if (options.adapter) {
    const converted = options.adapter.convertError({ status, body }, createConversionContext(options.requestBody))
    status = converted.status
    body = converted.body
  }
  const headers = forwardableResponseHeaders(upstream.headers)
  headers.set("content-type", "application/json")
  return new Response(JSON.stringify(body), { status, headers })
}
