import { ConversionError } from "../../errors"
import type { ChatCompletionRequest, ChatMessage } from "../../openai-chat/schema"
import type { ResponsesRequest } from "../../openai-responses/schema"
import { copyOpenAISharedFields, OPENAI_SHARED_FIELDS } from "../../shared/openai-shared-fields"
import type { ConversionContext } from "../../types"
import { mapResponsesToolChoice } from "./map-tool-choice"
import { convertInputToMessages } from "./request-input"
import { convertTextFormatToChat, convertToolsToChat } from "./request-tools"

/** Read by the converter below; anything else is reported as dropped. */
const HANDLED_FIELDS = new Set<string>([
  ...OPENAI_SHARED_FIELDS,
  "model",
  "input",
  "instructions",
  "stream",
  "stream_options",
  "max_output_tokens",
  "tools",
  "tool_choice",
  "reasoning",
  "text",
  "include",
])

/** A Responses request as a Chat Completions request. */
export function convertResponsesRequestToChat(request: ResponsesRequest, ctx: ConversionContext): ChatCompletionRequest {
  if (typeof request.model !== "string") throw new ConversionError("model is required", "model")
  const warnings = ctx.warnings
  const messages: ChatMessage[] = []
  if (request.instructions) messages.push({ role: "system", content: request.instructions })
  const input = typeof request.input === "string" ? [{ role: "user" as const, content: request.input }] : (request.input ?? [])
  messages.push(...convertInputToMessages(input, warnings))

  const chat: ChatCompletionRequest = { model: request.model, messages }
  const record = request as Record<string, unknown>
  copyOpenAISharedFields(request, chat)
  if (request.stream) {
    chat.stream = true
    // A Responses client always gets usage in response.completed, so ask Chat for it.
    chat.stream_options = { include_usage: true }
  } else if (request.stream === false) chat.stream = false
  if (request.max_output_tokens != null) chat.max_completion_tokens = request.max_output_tokens
  if (request.tools?.length) {
    const tools = convertToolsToChat(request.tools, warnings)
    if (tools.length > 0) chat.tools = tools
  }
  if (request.tool_choice !== undefined) {
    const choice = mapResponsesToolChoice(request.tool_choice)
    if (choice === undefined) warnings.push({ code: "unsupported", path: "tool_choice", message: "this tool_choice has no Chat Completions equivalent" })
    else chat.tool_choice = choice
  }
  if (request.reasoning?.effort) chat.reasoning_effort = request.reasoning.effort
  if (request.reasoning?.summary) {
    warnings.push({ code: "field_dropped", path: "reasoning.summary", message: "Chat Completions cannot request reasoning summaries" })
  }
  if (request.text?.format) chat.response_format = convertTextFormatToChat(request.text.format)
  if (request.text?.verbosity) chat.verbosity = request.text.verbosity
  request.include?.forEach((value, index) =>
    warnings.push({ code: "field_dropped", path: `include[${index}]`, message: `include "${value}" has no Chat Completions equivalent` }),
  )
  for (const key of Object.keys(record)) {
    if (!HANDLED_FIELDS.has(key) && record[key] != null) {
      warnings.push({ code: "field_dropped", path: key, message: `"${key}" has no Chat Completions equivalent and was dropped` })
    }
  }
  return chat
}
