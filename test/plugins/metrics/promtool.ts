/** promtool from Debian's prometheus package, when installed; tests that need it skip without it. */
export const PROMTOOL = Bun.which("promtool")

if (!PROMTOOL) console.warn("promtool not found: skipping the checks of /metrics with Prometheus's own parser (apt-get install -y --no-install-recommends prometheus)")

/** `promtool check metrics` on `text`: exit code and what it printed. */
export async function promtoolCheck(text: string): Promise<{ exitCode: number; output: string }> {
  const child = Bun.spawn([PROMTOOL!, "check", "metrics"], { stdin: new Blob([text]), stdout: "pipe", stderr: "pipe" })
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
  return { exitCode, output: stdout + stderr }
}
