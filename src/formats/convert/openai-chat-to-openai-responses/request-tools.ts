import type { ChatFunctionTool, ChatResponseFormat, ChatTool } from "../../openai-chat/schema"
import type { ResponsesTextFormat, ResponsesTool } from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"

/**
 * Nested Chat function tools → flat Responses tools. `strict` is always written: Chat
 * defaults it to false, Responses to true, so leaving it out would change validation.
 */
export function convertToolsToResponses(tools: readonly ChatTool[], warnings: ConversionWarning[]): ResponsesTool[] {
  const converted: ResponsesTool[] = []
  tools.forEach((tool, index) => {
    if (tool.type !== "function" || !("function" in tool)) {
      warnings.push({
        code: "unsupported",
        path: `tools[${index}]`,
        message: `Chat tool type "${tool.type}" has no Responses equivalent and was dropped`,
      })
      return
    }
    const fn = (tool as ChatFunctionTool).function
    converted.push({
      type: "function",
      name: fn.name,
      ...(fn.description === undefined ? {} : { description: fn.description }),
      parameters: fn.parameters ?? { type: "object", properties: {} },
      strict: fn.strict ?? false,
    })
  })
  return converted
}

/** Chat `response_format` as Responses `text.format`. */
export function convertResponseFormatToResponses(format: ChatResponseFormat): ResponsesTextFormat {
  switch (format.type) {
    case "text":
    case "json_object":
      return { type: format.type }
    case "json_schema": {
      const { name, schema, strict, description } = (format as Extract<ChatResponseFormat, { type: "json_schema" }>).json_schema
      return {
        type: "json_schema",
        name,
        schema: schema ?? {},
        ...(strict == null ? {} : { strict }),
        ...(description === undefined ? {} : { description }),
      }
    }
    default:
      return { type: "text" }
  }
}
