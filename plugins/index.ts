import type { AnyPluginFactory } from "~/core/plugins/factory"
import { factory as accessLog } from "./access_log/plugin"
import { factory as analytics } from "./analytics/plugin"
import { factory as claudeApi } from "./claude_api/plugin"
import { factory as codex } from "./codex/plugin"
import { factory as commandReplay } from "./command_replay/plugin"
import { factory as copilot } from "./copilot/plugin"
import { factory as maxTokens } from "./max_tokens/plugin"
import { factory as metrics } from "./metrics/plugin"
import { factory as oauthClaude } from "./oauth_claude/plugin"
import { factory as oauthCodex } from "./oauth_codex/plugin"
import { factory as oauthCopilot } from "./oauth_copilot/plugin"
import { factory as pricing } from "./pricing/plugin"
import { factory as requestTracer } from "./request_tracer/plugin"

/**
 * Built-in plugins, listed statically because a compiled binary cannot scan folders.
 * Folder name = plugin name = config key (`[plugins.<name>]`).
 */
export const builtinPlugins: AnyPluginFactory[] = [
  accessLog,
  oauthClaude,
  oauthCodex,
  claudeApi,
  codex,
  pricing,
  metrics,
  analytics,
  maxTokens,
  requestTracer,
  commandReplay,
  oauthCopilot,
  copilot,
]
