import { Type, type Static } from "@sinclair/typebox"
import { join } from "node:path"
import { xdgCacheHome } from "~/config/paths"

const literals = <T extends string>(values: readonly T[]) => values.map((value) => Type.Literal(value))

export const commandReplayConfig = Type.Object({
  generate_curl: Type.Boolean({ default: true, description: "Write a curl command for each provider request" }),
  generate_xh: Type.Boolean({ default: true, description: "Write an xh command for each provider request" }),
  pretty_format: Type.Boolean({ default: true, description: "One option per line (with \\ continuations); false puts each command on one line" }),
  redact_secrets: Type.Boolean({ default: true, description: "Replace credentials (authorization, x-api-key, cookies, tokens in bodies) by [redacted]; false writes commands that replay as they are" }),
  include_url_patterns: Type.Array(Type.String(), {
    default: ["api.anthropic.com", "api.openai.com", "claude.ai", "chatgpt.com", "githubcopilot.com"],
    description: "Only upstream URLs containing one of these strings; empty: every URL",
  }),
  exclude_url_patterns: Type.Array(Type.String(), { default: [], description: "Upstream URLs containing one of these strings are skipped" }),
  log_dir: Type.String({ default: "", description: "Directory for the command files; empty: $XDG_CACHE_HOME/ccproxy/command_replay" }),
  write_to_files: Type.Boolean({ default: true, description: "Write {request_id}_curl.sh / _xh.sh (or _commands.sh) files, mode 0600" }),
  separate_files_per_command: Type.Boolean({ default: true, description: "One file per tool; false puts both commands in {request_id}_commands.sh" }),
  log_to_console: Type.Boolean({ default: false, description: "Also log the commands (always redacted by the log)" }),
  log_level: Type.Union(literals(["TRACE", "DEBUG", "INFO"]), { default: "INFO", description: "Log level of the console lines: TRACE, DEBUG or INFO" }),
  max_pending_files: Type.Integer({ default: 1000, minimum: 1, description: "Files waiting for a slow disk before new ones are dropped" }),
})

export type CommandReplayConfig = Static<typeof commandReplayConfig>

export function replayDir(config: CommandReplayConfig, env = process.env): string {
  return config.log_dir || join(xdgCacheHome(env), "ccproxy", "command_replay")
}

export function urlReplayed(config: CommandReplayConfig, url: string): boolean {
  if (config.exclude_url_patterns.some((pattern) => url.includes(pattern))) return false
  return config.include_url_patterns.length === 0 || config.include_url_patterns.some((pattern) => url.includes(pattern))
}
