import { expect, test } from "bun:test"
import { resolve } from "node:path"

// The real Claude Code and Codex CLI against ccproxy and fake upstreams (scripts/e2e/real-clients.ts).
// Opt-in: the clients are ~700 MB from npm on first use, and each scenario takes seconds.
const enabled = process.env.CCPROXY_REAL_CLIENTS === "1"
if (!enabled) console.info("test/e2e/real-clients.test.ts skipped: set CCPROXY_REAL_CLIENTS=1 to run Claude Code and the Codex CLI against ccproxy")

test.skipIf(!enabled)(
  "Claude Code and the Codex CLI work through ccproxy (every scenario of scripts/e2e/real-clients.ts)",
  async () => {
    const script = resolve(import.meta.dir, "../../scripts/e2e/real-clients.ts")
    const child = Bun.spawn([process.execPath, script], { stdout: "inherit", stderr: "inherit" })
    expect(await child.exited).toBe(0)
  },
  15 * 60_000,
)
