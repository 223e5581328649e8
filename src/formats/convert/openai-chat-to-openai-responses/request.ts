import { ConversionError } from "../../errors"
import type { ChatCompletionRequest } from "../../openai-chat/schema"
import type { ResponsesRequest } from "../../openai-responses/schema"
import { copyOpenAISharedFields, OPENAI_SHARED_FIELDS } from "../../shared/openai-shared-fields"
import type { ConversionContext, ConversionWarning } from "../../types"
import { mapChatToolChoice } from "./map-tool-choice"
import { convertMessagesToInput } from "./request-messages"
import { convertResponseFormatToResponses, convertToolsToResponses } from "./request-tools"

/** Chat-only sampling and logging controls the Responses API does not accept. */
const DROPPED_FIELDS: Record<string, string> = {
  stop: "the Responses API has no stop sequences",
  logprobs: "logprobs are not converted",
  top_logprobs: "logprobs are not converted",
  logit_bias: "the Responses API has no logit_bias",
  seed: "the Responses API has no seed",
  frequency_penalty: "the Responses API has no frequency_penalty",
  presence_penalty: "the Responses API has no presence_penalty",
}

const HANDLED_FIELDS = new Set<string>([
  ...OPENAI_SHARED_FIELDS,
  ...Object.keys(DROPPED_FIELDS),
  "model",
  "messages",
  "stream",
  "stream_options",
  "n",
  "max_tokens",
  "max_completion_tokens",
  "tools",
  "tool_choice",
  "reasoning_effort",
  "response_format",
  "verbosity",
])

/** A Chat Completions request as a Responses request. */
export function convertChatRequestToResponses(request: ChatCompletionRequest, ctx: ConversionContext): ResponsesRequest {
  if (request.n != null && request.n > 1) {
    throw new ConversionError("n > 1 cannot be honoured: the Responses API returns one answer per request", "n")
  }
  if (!Array.isArray(request.messages)) throw new ConversionError("messages must be an array", "messages")
  const warnings = ctx.warnings
  const out: ResponsesRequest = { model: request.model, input: convertMessagesToInput(request.messages, warnings) }
  const record = request as Record<string, unknown>
  copyOpenAISharedFields(request, out)
  if (request.stream != null) out.stream = request.stream
  const maxTokens = request.max_completion_tokens ?? request.max_tokens
  if (maxTokens != null) out.max_output_tokens = maxTokens
  if (request.tools?.length) {
    const tools = convertToolsToResponses(request.tools, warnings)
    if (tools.length > 0) out.tools = tools
  }
  if (request.tool_choice !== undefined) {
    const choice = mapChatToolChoice(request.tool_choice)
    if (choice === undefined) warnings.push({ code: "unsupported", path: "tool_choice", message: "this tool_choice has no Responses equivalent" })
    else out.tool_choice = choice
  }
  // Without a summary request the Responses API returns no readable reasoning at all.
  if (request.reasoning_effort) out.reasoning = { effort: request.reasoning_effort, summary: "auto" }
  const format = request.response_format ? convertResponseFormatToResponses(request.response_format) : undefined
  if (format || request.verbosity) {
    out.text = { ...(format ? { format } : {}), ...(request.verbosity ? { verbosity: request.verbosity } : {}) }
  }
  warnUnconverted(record, warnings)
  return out
}

function warnUnconverted(record: Record<string, unknown>, warnings: ConversionWarning[]): void {
  for (const [key, value] of Object.entries(record)) {
    if (value == null || value === false || (value === 0 && key.endsWith("_penalty"))) continue
    const reason = DROPPED_FIELDS[key]
    if (reason) warnings.push({ code: "field_dropped", path: key, message: `"${key}" was dropped: ${reason}` })
    else if (!HANDLED_FIELDS.has(key)) {
      warnings.push({ code: "field_dropped", path: key, message: `"${key}" has no Responses equivalent and was dropped` })
    }
  }
}
