import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { expandHome } from "~/config/expand-home"
import { xdgCacheHome } from "~/config/paths"
import type { LiteLLMEntry } from "./litellm"

export const CACHE_FILE_NAME = "model_pricing.json"

/** `$XDG_CACHE_HOME/ccproxy/model_pricing.json`, or the file in `cacheDir` when set. */
export function priceCacheFile(cacheDir: string): string {
  return join(cacheDir ? expandHome(cacheDir) : join(xdgCacheHome(), "ccproxy"), CACHE_FILE_NAME)
}

/** The cached entries (LiteLLM format) and the file's age, or undefined when there is no readable cache. */
export async function readPriceCache(file: string): Promise<{ entries: Record<string, LiteLLMEntry>; ageMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, "utf8"), stat(file)])
    return { entries: JSON.parse(text) as Record<string, LiteLLMEntry>, ageMs: Date.now() - info.mtimeMs }
  } catch {
    return undefined
  }
}

/** Milliseconds since the cache file was written, or undefined when there is none. */
export async function priceCacheAge(file: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(file)).mtimeMs
  } catch {
    return undefined
  }
}

/** Written to a temporary file first, so a reader never sees half a file. */
export async function writePriceCache(file: string, entries: Record<string, LiteLLMEntry>): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(entries), { mode: 0o644 })
  await rename(temporary, file)
}
