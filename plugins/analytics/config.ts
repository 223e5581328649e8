import { Type, type Static } from "@sinclair/typebox"

/** `[plugins.analytics]`. */
export const analyticsConfig = Type.Object({
  database_path: Type.String({ default: "", description: 'SQLite file; "" means $XDG_DATA_HOME/ccproxy/analytics.db' }),
  flush_interval: Type.Number({ default: 1, minimum: 0.05, description: "Seconds between batched writes; a crash loses at most this window" }),
  batch_size: Type.Integer({ default: 100, minimum: 1, description: "Rows that trigger a write before the interval ends" }),
  max_pending: Type.Integer({ default: 100_000, minimum: 1, description: "Rows kept in memory while the database cannot be written; older ones are dropped beyond this" }),
  record_all: Type.Boolean({ default: false, description: "Record every request, not only provider requests" }),
  exclude_paths: Type.Array(Type.String(), { default: ["/health", "/metrics", "/logs"], description: "Paths (and everything under them) never recorded" }),
  retention_days: Type.Number({ default: 30, minimum: 0, description: "Delete rows older than this many days (checked hourly); 0 keeps everything" }),
  stream_keepalive: Type.Number({ default: 15, minimum: 1, description: "Seconds between keep-alive comments on GET /logs/stream" }),
})

export type AnalyticsConfig = Static<typeof analyticsConfig>
