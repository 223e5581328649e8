import { mkdtempSync } from "node:fs"
import { homedir, tmpdir } from "node:os"
import { join } from "node:path"

// The opt-in real-client run (test/e2e/real-clients.test.ts) keeps its ~700 MB of clients in the user's cache.
if (process.env.CCPROXY_REAL_CLIENTS) process.env.CCPROXY_E2E_CACHE ??= join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ccproxy-e2e")

// Every test run gets its own empty HOME and XDG dirs, and no real credentials or config.
const root = mkdtempSync(join(tmpdir(), "ccproxy-test-"))
process.env.HOME = join(root, "home")
process.env.XDG_CONFIG_HOME = join(root, "config")
process.env.XDG_CACHE_HOME = join(root, "cache")
process.env.XDG_DATA_HOME = join(root, "data")
process.env.CLAUDE_CONFIG_DIR = join(root, "claude")
process.env.CODEX_HOME = join(root, "codex")
for (const key of Object.keys(process.env)) {
  if (
    (/^(CCPROXY_|SERVER__|LOGGING__|SECURITY__|CORS__|PLUGINS__)/.test(key) && !/^CCPROXY_(REAL_CLIENTS|E2E_)/.test(key)) ||
    ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY", "GITHUB_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "ENABLED_PLUGINS", "DISABLED_PLUGINS", "ENABLE_PLUGINS", "PLUGIN_DIRS"].includes(key)
  ) {
    delete process.env[key]
  }
}
process.env.CCPROXY_TEST = "1"

// Quiet logs; tests that inspect log lines configure their own writer.
const { configureLogging } = await import("../src/core/log")
configureLogging({ level: "CRITICAL", format: "json", write: () => {} })
