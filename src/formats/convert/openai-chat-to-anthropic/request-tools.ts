import type { AnthropicTool } from "~/formats/anthropic/schema"
import type { ConversionContext } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"

/** Chat function tools → Anthropic client tools; other tool types (custom grammars) are dropped. */
export function convertChatTools(tools: unknown[], ctx: ConversionContext): AnthropicTool[] {
  const out: AnthropicTool[] = []
  tools.forEach((tool, i) => {
    if (!isRecord(tool) || tool.type !== "function" || !isRecord(tool.function)) {
      const type = isRecord(tool) ? String(tool.type) : typeof tool
      warn(ctx, "unsupported", `tools[${i}]`, `"${type}" tools have no Anthropic equivalent; dropped`)
      return
    }
    const fn = tool.function
    const converted: AnthropicTool = {
      name: String(fn.name ?? ""),
      input_schema: isRecord(fn.parameters) ? fn.parameters : { type: "object", properties: {} },
    }
    if (typeof fn.description === "string") converted.description = fn.description
    if (typeof fn.strict === "boolean") converted.strict = fn.strict
    out.push(converted)
  })
  return out
}
