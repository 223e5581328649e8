/** Client headers that never go upstream: hop-by-hop, proxy, CDN, CORS, and every credential. */
const REQUEST_EXCLUDED = new Set([
  "host", "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer",
  "proxy-authenticate", "proxy-authorization", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded",
  "accept-encoding", "content-encoding", "content-length", "origin", "cookie",
  "access-control-request-method", "access-control-request-headers",
  "authorization", "x-api-key", "x-request-id",
  "cdn-loop", "cf-connecting-ip", "cf-ew-via", "cf-ipcountry", "cf-ray", "cf-visitor", "cf-warp-tag-id", "cf-worker",
])

/** Upstream response headers that must not be copied to the client. */
const RESPONSE_EXCLUDED = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
  "content-encoding", "content-length", "set-cookie", "x-request-id",
])

/** The client's headers fit to forward: the proxy's own token and the client's credentials are never among them. */
export function forwardableRequestHeaders(headers: Headers): Headers {
  const out = new Headers()
  headers.forEach((value, name) => {
    if (!REQUEST_EXCLUDED.has(name.toLowerCase())) out.set(name, value)
  })
  return out
}

/** Upstream headers worth passing back (rate limits, request ids, retry-after), minus hop-by-hop ones. */
export function forwardableResponseHeaders(headers: Headers): Headers {
  const out = new Headers()
  headers.forEach((value, name) => {
    if (!RESPONSE_EXCLUDED.has(name.toLowerCase())) out.set(name, value)
  })
  return out
}
