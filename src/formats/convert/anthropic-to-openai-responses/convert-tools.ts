import type { AnthropicTool } from "../../anthropic/schema"
import type { ResponsesFunctionTool } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

const EMPTY_SCHEMA = { type: "object", properties: {} }

/**
 * Client tools → Responses function tools. `strict` is always explicit because the
 * Responses API treats a missing `strict` as true, which rejects most hand-written schemas.
 * Server tools (web_search_20250305, bash_…, text_editor_…, code_execution_…) run on
 * Anthropic's side only and are dropped with a warning.
 */
export function convertTools(tools: AnthropicTool[], ctx: ConversionContext): ResponsesFunctionTool[] {
  const converted: ResponsesFunctionTool[] = []
  tools.forEach((tool, index) => {
    if (tool.type !== undefined && tool.type !== "custom") {
      ctx.warnings.push({
        code: "unsupported",
        path: `tools[${index}]`,
        message: `Anthropic server tool "${tool.name}" (${tool.type}) has no Responses equivalent; dropped`,
      })
      return
    }
    const fn: ResponsesFunctionTool = {
      type: "function",
      name: tool.name,
      parameters: tool.input_schema ?? EMPTY_SCHEMA,
      strict: tool.strict === true,
    }
    if (tool.description !== undefined) fn.description = tool.description
    converted.push(fn)
  })
  return converted
}
