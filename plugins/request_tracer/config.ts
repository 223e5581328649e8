import { Type, type Static } from "@sinclair/typebox"
import { join } from "node:path"
import { xdgCacheHome } from "~/config/paths"

export const requestTracerConfig = Type.Object({
  log_dir: Type.String({ default: "", description: "Directory for trace files; empty: $XDG_CACHE_HOME/ccproxy/traces (private to the user, unlike the original's /tmp/ccproxy/traces)" }),
  request_log_dir: Type.String({ default: "", description: "Directory for the .json traces; empty: log_dir" }),
  raw_log_dir: Type.String({ default: "", description: "Directory for the raw .http traces; empty: log_dir" }),
  json_logs_enabled: Type.Boolean({ default: true, description: "Write {request_id}_{kind}.json files (headers, body, timings, metadata)" }),
  raw_http_enabled: Type.Boolean({ default: true, description: "Write {request_id}_{kind}.http files (the message as raw HTTP)" }),
  include_paths: Type.Array(Type.String(), { default: [], description: "Only trace client paths under these prefixes; empty traces every path not excluded" }),
  exclude_paths: Type.Array(Type.String(), { default: ["/health", "/metrics", "/readyz", "/livez"], description: "Client paths (and everything under them) never traced" }),
  exclude_headers: Type.Array(Type.String(), {
    default: ["authorization", "x-api-key", "cookie", "x-auth-token"],
    description: "Headers whose values are replaced by [redacted], on top of the built-in list (authorization, x-api-key, cookie, set-cookie, ...)",
  }),
  redact_sensitive: Type.Boolean({ default: true, description: "Redact credentials in headers, URLs and bodies; false writes them as they are (never on a shared machine)" }),
  max_body_size: Type.Integer({ default: 1024 * 1024, minimum: 0, description: "Bytes of each body kept in a trace; the rest is cut and the file says so" }),
  log_client_request: Type.Boolean({ default: true, description: "Trace what the client sent" }),
  log_client_response: Type.Boolean({ default: true, description: "Trace what the client received" }),
  log_provider_request: Type.Boolean({ default: true, description: "Trace what was sent upstream (after every provider.request.prepared hook)" }),
  log_provider_response: Type.Boolean({ default: true, description: "Trace what upstream answered (status, headers, JSON body; stream totals)" }),
  log_streaming_chunks: Type.Boolean({ default: false, description: "Also keep the body of streamed (SSE) client responses, up to max_body_size" }),
  max_pending_files: Type.Integer({ default: 1000, minimum: 1, description: "Files waiting for a slow disk before new ones are dropped (and counted in the health check)" }),
})

export type RequestTracerConfig = Static<typeof requestTracerConfig>

export interface TraceDirs {
  json: string
  raw: string
}

export function traceDirs(config: RequestTracerConfig, env = process.env): TraceDirs {
  const base = config.log_dir || join(xdgCacheHome(env), "ccproxy", "traces")
  return { json: config.request_log_dir || base, raw: config.raw_log_dir || base }
}

/** Prefix match on whole path segments: `/health` covers `/health` and `/health/ready`, not `/healthz`. */
export function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)
}

export function pathTraced(config: RequestTracerConfig, path: string): boolean {
  if (config.exclude_paths.some((prefix) => underPrefix(path, prefix))) return false
  return config.include_paths.length === 0 || config.include_paths.some((prefix) => underPrefix(path, prefix))
}
