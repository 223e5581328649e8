import { homedir } from "node:os"
import { join } from "node:path"

/** `~` and `~/x` to the home directory, as a shell would; other paths unchanged. */
export function expandHome(path: string, env = process.env): string {
  if (path === "~") return env.HOME || homedir()
  if (path.startsWith("~/")) return join(env.HOME || homedir(), path.slice(2))
  return path
}
