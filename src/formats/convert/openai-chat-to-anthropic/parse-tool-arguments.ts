import type { ConversionContext } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"

/** Chat tool arguments (a JSON string) → Anthropic tool input (an object). */
export function parseToolArguments(args: unknown, path: string, ctx: ConversionContext): Record<string, unknown> {
  if (typeof args !== "string" || args.trim().length === 0) return {}
  try {
    const parsed: unknown = JSON.parse(args)
    if (isRecord(parsed)) return parsed
  } catch {
    // reported below
  }
  warn(ctx, "value_changed", path, "tool arguments are not a JSON object; sent as an empty input")
  return {}
}
