import { Type, type Static } from "@sinclair/typebox"

const LineFormat = Type.Union([Type.Literal("structured"), Type.Literal("common"), Type.Literal("combined")])

export const accessLogConfig = Type.Object({
  client_enabled: Type.Boolean({ default: true, description: "Log one line per client request" }),
  client_format: { ...LineFormat, default: "structured", description: "structured (one JSON object per line), common or combined" },
  client_log_file: Type.String({ default: "-", description: 'File for client lines; "-" writes to stdout' }),
  provider_enabled: Type.Boolean({ default: false, description: "Log one line per upstream provider call" }),
  provider_format: { ...LineFormat, default: "structured", description: "structured, common or combined" },
  provider_log_file: Type.String({ default: "-", description: 'File for provider lines; "-" writes to stdout' }),
  exclude_paths: Type.Array(Type.String(), { default: ["/health", "/metrics", "/readyz", "/livez"], description: "Paths (and everything under them) that are not logged" }),
  buffer_size: Type.Integer({ default: 100, minimum: 1, description: "Lines kept in memory before a write" }),
  flush_interval: Type.Number({ default: 1, minimum: 0.05, description: "Seconds between writes of buffered lines" }),
})

export type AccessLogConfig = Static<typeof accessLogConfig>
export type LineFormatName = Static<typeof LineFormat>
