import type { AnthropicTool } from "~/formats/anthropic/schema"
import type { ChatFunctionTool } from "~/formats/openai-chat/schema"
import type { ConversionContext } from "../../types"
import { warn } from "./warn"

/**
 * Anthropic client tools → Chat function tools. Server tools (versioned types such as
 * `web_search_20250305`) run on Anthropic's side and cannot be offered to another upstream.
 */
export function convertAnthropicTools(tools: AnthropicTool[], ctx: ConversionContext): ChatFunctionTool[] {
  const out: ChatFunctionTool[] = []
  tools.forEach((tool, i) => {
    if (tool.type !== undefined && tool.type !== "custom") {
      warn(ctx, "unsupported", `tools[${i}]`, `server tool "${tool.name}" (${tool.type}) is not available on a Chat Completions upstream; dropped`)
      return
    }
    const fn: ChatFunctionTool["function"] = {
      name: tool.name,
      parameters: tool.input_schema ?? { type: "object", properties: {} },
    }
    if (tool.description !== undefined) fn.description = tool.description
    if (tool.strict !== undefined) fn.strict = tool.strict
    out.push({ type: "function", function: fn })
  })
  return out
}
