import type { ChatFunctionTool, ChatResponseFormat, ChatTool } from "../../openai-chat/schema"
import type { ResponsesFunctionTool, ResponsesTextFormat, ResponsesTool } from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"

/**
 * Flat Responses function tools → nested Chat tools; built-in tools have no Chat form.
 * `strict` is always written: a missing or null one means true in Responses but false in Chat.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export function convertToolsToChat(tools: readonly ResponsesTool[], warnings: ConversionWarning[]): ChatTool[] {
  const converted: ChatTool[] = []
  tools.forEach((tool, index) => {
    if (tool.type !== "function") {
      warnings.push({
        code: "unsupported",
        path: `tools[${index}]`,
        message: `Responses tool type "${tool.type}" has no Chat Completions equivalent and was dropped`,
      })
      return
    }
    const fn = tool as ResponsesFunctionTool
    const nested: ChatFunctionTool["function"] = { name: fn.name }
    if (fn.description != null) nested.description = fn.description
    if (fn.parameters != null) nested.parameters = fn.parameters
    nested.strict = fn.strict ?? true
    converted.push({ type: "function", function: nested })
  })
  return converted
}

/** Responses `text.format` as Chat `response_format`. */
export function convertTextFormatToChat(format: ResponsesTextFormat): ChatResponseFormat {
  switch (format.type) {
    case "text":
    case "json_object":
      return { type: format.type }
    case "json_schema": {
      const { name, schema, strict, description } = format as Extract<ResponsesTextFormat, { type: "json_schema" }>
      const jsonSchema: Extract<ChatResponseFormat, { type: "json_schema" }>["json_schema"] = { name: name ?? "response", schema }
      if (strict != null) jsonSchema.strict = strict
      if (description !== undefined) jsonSchema.description = description
      return { type: "json_schema", json_schema: jsonSchema }
    }
    default:
      return { type: "text" }
  }
}
