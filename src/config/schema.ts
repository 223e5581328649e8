import { Type, type Static } from "@sinclair/typebox"
import { defaultPluginDir } from "./paths"

const LogLevel = Type.Union(
  [Type.Literal("TRACE"), Type.Literal("DEBUG"), Type.Literal("INFO"), Type.Literal("WARNING"), Type.Literal("ERROR"), Type.Literal("CRITICAL")],
  { default: "INFO", description: "Lowest level that is logged: TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL" },
)

/**
 * The core settings: the single source of truth for defaults, validation, `config init`,
 * the documented sample ccproxy.toml and `config show`. Each plugin adds its own schema
 * under `plugins.<name>`. Fields marked `secret` are masked wherever they are shown.
 */
export function coreSettingsSchema(env = process.env) {
  return Type.Object({
    server: Type.Object(
      {
        host: Type.String({ default: "127.0.0.1", description: "Address to listen on; use 0.0.0.0 to accept other machines (set an auth token then)" }),
        port: Type.Integer({ default: 8000, minimum: 0, maximum: 65535, description: "Port to listen on; 0 picks a free port" }),
        shutdown_timeout: Type.Number({ default: 30, minimum: 0, description: "Seconds in-flight requests and streams may take to finish on SIGINT/SIGTERM" }),
        max_body_bytes: Type.Integer({ default: 32 * 1024 * 1024, minimum: 1024, description: "Largest request body accepted, in bytes, as sent and once decompressed; a larger one, declared or chunked, gets a 413 in the route's error format, and no more of it than this is kept in memory" }),
      },
      { default: {}, description: "HTTP server" },
    ),
    logging: Type.Object(
      {
        level: LogLevel,
        format: Type.Union([Type.Literal("pretty"), Type.Literal("json")], { default: "pretty", description: "pretty for people, json for one object per line" }),
      },
      { default: {}, description: "Logging (always to stderr)" },
    ),
    security: Type.Object(
      {
        auth_token: Type.Optional(
          Type.String({ minLength: 1, secret: true, examples: ["a-long-random-string"], description: "When set, every route except /health* requires it as `Authorization: Bearer <token>` or `x-api-key: <token>`" }),
        ),
      },
      { default: {}, description: "The proxy's own access control" },
    ),
    cors: Type.Object(
      {
        origins: Type.Array(Type.String(), { default: [], description: "Allowed browser origins (`*` for any); empty turns CORS off" }),
        credentials: Type.Boolean({ default: false, description: "Send Access-Control-Allow-Credentials" }),
        max_age: Type.Integer({ default: 600, minimum: 0, description: "Seconds browsers may cache a preflight answer" }),
      },
      { default: {}, description: "Cross-origin requests from browsers" },
    ),
    enable_plugins: Type.Boolean({ default: true, description: "Load plugins at all" }),
    enabled_plugins: Type.Optional(Type.Array(Type.String(), { description: "Allow list: when set, only these plugins load", examples: [["claude_api", "oauth_claude"]] })),
    disabled_plugins: Type.Array(Type.String(), { default: [], description: "Deny list: these plugins never load" }),
    plugin_dirs: Type.Array(Type.String(), { default: [defaultPluginDir(env)], description: "Folders searched for external plugins (<dir>/<name>/plugin.ts or plugin.js)" }),
    plugins: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), {
      default: {},
      description: "Per-plugin settings, `[plugins.<name>]`, each validated by its plugin's schema",
    }),
  })
}

export type CoreSettingsSchema = ReturnType<typeof coreSettingsSchema>
export type Settings = Static<CoreSettingsSchema>
