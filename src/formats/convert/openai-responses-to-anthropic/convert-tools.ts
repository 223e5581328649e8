import type { AnthropicTool } from "../../anthropic/schema"
import type { ResponsesFunctionTool, ResponsesTool } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

/**
 * Responses function tools → Anthropic client tools. Hosted tools (web_search, file_search,
 * code_interpreter, …) and Codex `namespace` groups have no Anthropic client-tool form and
 * are dropped with a warning. `strict` is sent when true, or when missing or null, which
 * Responses reads as true (Anthropic reads a missing one as false).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export function convertTools(tools: ResponsesTool[], ctx: ConversionContext): AnthropicTool[] {
  const converted: AnthropicTool[] = []
  tools.forEach((tool, index) => {
    if (tool.type !== "function") {
      ctx.warnings.push({
        code: "unsupported",
        path: `tools[${index}]`,
        message: `Responses "${tool.type}" tool${tool.name ? ` "${tool.name}"` : ""} has no Anthropic equivalent; dropped`,
      })
      return
    }
    const fn = tool as ResponsesFunctionTool
    const out: AnthropicTool = { name: fn.name, input_schema: fn.parameters ?? { type: "object", properties: {} } }
    if (fn.description) out.description = fn.description
    if (fn.strict !== false) out.strict = true
    converted.push(out)
  })
  return converted
}
