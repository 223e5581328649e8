import type { JsonObject } from "~/auth/credential-file"

/**
 * Claude Code on macOS keeps its login in the Keychain (and may have no credentials file):
 * its own entry is service "Claude Code-credentials"; the Python `keyring` convention is
 * service "Claude Code", account "credentials". Both hold the `.credentials.json` JSON.
 * Read-only: ccproxy never writes the Keychain.
 */
const ENTRIES: string[][] = [
  ["-s", "Claude Code-credentials"],
  ["-s", "Claude Code", "-a", "credentials"],
]

export type CommandRunner = (command: string[]) => Promise<{ code: number; stdout: string }>

const runCommand: CommandRunner = async (command) => {
  const child = Bun.spawn(command, { stdin: "ignore", stdout: "pipe", stderr: "ignore" })
  const stdout = await new Response(child.stdout).text()
  return { code: await child.exited, stdout }
}

/** The Keychain's credentials object, or undefined (not macOS, no entry, not JSON). */
export async function readKeychainCredentials(platform: NodeJS.Platform = process.platform, run: CommandRunner = runCommand): Promise<JsonObject | undefined> {
  if (platform !== "darwin") return undefined
  for (const entry of ENTRIES) {
    try {
      const { code, stdout } = await run(["security", "find-generic-password", ...entry, "-w"])
      if (code !== 0 || !stdout.trim()) continue
      const data = JSON.parse(stdout.trim())
      if (data && typeof data === "object" && !Array.isArray(data)) return data as JsonObject
    } catch {
      // no `security` tool, or not JSON: try the next entry
    }
  }
  return undefined
}
