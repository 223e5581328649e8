/**
 * OpenAI Responses wire types: only the fields ccproxy reads are declared, every object
 * stays open so unknown fields (obfuscation, logprobs, Codex extras) pass through unchanged.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox"

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

// ---------- content parts ----------

export const ResponsesInputText = Type.Object({ type: Type.Literal("input_text"), text: Type.String() })
export const ResponsesOutputText = Type.Object({
  type: Type.Literal("output_text"),
  text: Type.String(),
  annotations: Type.Optional(Type.Array(Type.Unknown())),
})
export const ResponsesRefusal = Type.Object({ type: Type.Literal("refusal"), refusal: Type.String() })
export const ResponsesInputImage = Type.Object({
  type: Type.Literal("input_image"),
  image_url: Type.Optional(Nullable(Type.String())),
  file_id: Type.Optional(Nullable(Type.String())),
  detail: Type.Optional(Type.String()),
})
export const ResponsesInputFile = Type.Object({
  type: Type.Literal("input_file"),
  file_data: Type.Optional(Type.String()),
  file_id: Type.Optional(Nullable(Type.String())),
  file_url: Type.Optional(Type.String()),
  filename: Type.Optional(Type.String()),
})
export const ResponsesContentPart = Type.Union([
  ResponsesInputText,
  ResponsesOutputText,
  ResponsesRefusal,
  ResponsesInputImage,
  ResponsesInputFile,
])
export type ResponsesContentPart = Static<typeof ResponsesContentPart>
export type ResponsesInputImage = Static<typeof ResponsesInputImage>
export type ResponsesInputFile = Static<typeof ResponsesInputFile>
export type ResponsesOutputText = Static<typeof ResponsesOutputText>

// ---------- items (input and output share them) ----------

export const ResponsesRole = Type.Union([
  Type.Literal("user"),
  Type.Literal("assistant"),
  Type.Literal("system"),
  Type.Literal("developer"),
])
export type ResponsesRole = Static<typeof ResponsesRole>

/** `type` is optional on input: `{role, content}` alone is an "easy input message". */
export const ResponsesMessageItem = Type.Object({
  type: Type.Optional(Type.Literal("message")),
  id: Type.Optional(Type.String()),
  role: ResponsesRole,
  content: Type.Union([Type.String(), Type.Array(ResponsesContentPart)]),
  status: Type.Optional(Type.String()),
})
export type ResponsesMessageItem = Static<typeof ResponsesMessageItem>

export const ResponsesFunctionCallItem = Type.Object({
  type: Type.Literal("function_call"),
  id: Type.Optional(Type.String()),
  call_id: Type.String(),
  name: Type.String(),
  arguments: Type.String(),
  status: Type.Optional(Type.String()),
})
export type ResponsesFunctionCallItem = Static<typeof ResponsesFunctionCallItem>

export const ResponsesFunctionCallOutputItem = Type.Object({
  type: Type.Literal("function_call_output"),
  id: Type.Optional(Type.String()),
  call_id: Type.String(),
  /** A string, or a list of input_text / input_image / input_file parts. */
  output: Type.Union([Type.String(), Type.Array(ResponsesContentPart)]),
  status: Type.Optional(Type.String()),
})
export type ResponsesFunctionCallOutputItem = Static<typeof ResponsesFunctionCallOutputItem>

export const ResponsesSummaryText = Type.Object({ type: Type.Literal("summary_text"), text: Type.String() })
export type ResponsesSummaryText = Static<typeof ResponsesSummaryText>

export const ResponsesReasoningItem = Type.Object({
  type: Type.Literal("reasoning"),
  id: Type.Optional(Type.String()),
  summary: Type.Array(ResponsesSummaryText),
  content: Type.Optional(Nullable(Type.Array(Type.Object({ type: Type.String(), text: Type.String() })))),
  encrypted_content: Type.Optional(Nullable(Type.String())),
  status: Type.Optional(Type.String()),
})
export type ResponsesReasoningItem = Static<typeof ResponsesReasoningItem>

/** Built-in tool calls, item references and anything newer: only `type` is read. */
export const ResponsesOtherItem = Type.Object({ type: Type.String(), id: Type.Optional(Type.String()) })
export type ResponsesOtherItem = Static<typeof ResponsesOtherItem>

export const ResponsesItem = Type.Union([
  ResponsesMessageItem,
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesReasoningItem,
  ResponsesOtherItem,
])
export type ResponsesItem = Static<typeof ResponsesItem>

// ---------- request ----------

export const ResponsesFunctionTool = Type.Object({
  type: Type.Literal("function"),
  name: Type.String(),
  description: Type.Optional(Nullable(Type.String())),
  parameters: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  /** Defaults to true on the OpenAI side when absent. */
  strict: Type.Optional(Nullable(Type.Boolean())),
})
export type ResponsesFunctionTool = Static<typeof ResponsesFunctionTool>
/** web_search, file_search, namespace, custom, mcp, ...: only `type` is read. */
export const ResponsesOtherTool = Type.Object({ type: Type.String(), name: Type.Optional(Type.String()) })
export const ResponsesTool = Type.Union([ResponsesFunctionTool, ResponsesOtherTool])
export type ResponsesTool = Static<typeof ResponsesTool>

export const ResponsesToolChoice = Type.Union([
  Type.Literal("none"),
  Type.Literal("auto"),
  Type.Literal("required"),
  Type.Object({ type: Type.Literal("function"), name: Type.String() }),
  Type.Object({ type: Type.String() }),
])
export type ResponsesToolChoice = Static<typeof ResponsesToolChoice>

export const ResponsesEffort = Type.Union([
  Type.Literal("none"),
  Type.Literal("minimal"),
  Type.Literal("low"),
  Type.Literal("medium"),
  Type.Literal("high"),
  Type.Literal("xhigh"),
])
export type ResponsesEffort = Static<typeof ResponsesEffort>

export const ResponsesReasoningConfig = Type.Object({
  effort: Type.Optional(Nullable(ResponsesEffort)),
  summary: Type.Optional(Nullable(Type.String())),
})
export type ResponsesReasoningConfig = Static<typeof ResponsesReasoningConfig>

export const ResponsesTextFormat = Type.Union([
  Type.Object({ type: Type.Literal("text") }),
  Type.Object({ type: Type.Literal("json_object") }),
  Type.Object({
    type: Type.Literal("json_schema"),
    name: Type.Optional(Type.String()),
    schema: Type.Record(Type.String(), Type.Unknown()),
    strict: Type.Optional(Nullable(Type.Boolean())),
    description: Type.Optional(Type.String()),
  }),
])
export type ResponsesTextFormat = Static<typeof ResponsesTextFormat>

export const ResponsesRequest = Type.Object({
  model: Type.String(),
  input: Type.Optional(Type.Union([Type.String(), Type.Array(ResponsesItem)])),
  instructions: Type.Optional(Nullable(Type.String())),
  max_output_tokens: Type.Optional(Nullable(Type.Integer())),
  temperature: Type.Optional(Nullable(Type.Number())),
  top_p: Type.Optional(Nullable(Type.Number())),
  stream: Type.Optional(Nullable(Type.Boolean())),
  tools: Type.Optional(Type.Array(ResponsesTool)),
  tool_choice: Type.Optional(ResponsesToolChoice),
  parallel_tool_calls: Type.Optional(Nullable(Type.Boolean())),
  reasoning: Type.Optional(Nullable(ResponsesReasoningConfig)),
  text: Type.Optional(Nullable(Type.Object({ format: Type.Optional(ResponsesTextFormat), verbosity: Type.Optional(Type.String()) }))),
  include: Type.Optional(Nullable(Type.Array(Type.String()))),
  store: Type.Optional(Nullable(Type.Boolean())),
  user: Type.Optional(Type.String()),
  safety_identifier: Type.Optional(Type.String()),
  prompt_cache_key: Type.Optional(Type.String()),
  previous_response_id: Type.Optional(Nullable(Type.String())),
  metadata: Type.Optional(Nullable(Type.Record(Type.String(), Type.String()))),
  service_tier: Type.Optional(Nullable(Type.String())),
})
export type ResponsesRequest = Static<typeof ResponsesRequest>

// ---------- response ----------

export const ResponsesUsage = Type.Object({
  input_tokens: Type.Integer(),
  output_tokens: Type.Integer(),
  total_tokens: Type.Optional(Type.Integer()),
  input_tokens_details: Type.Optional(Nullable(Type.Object({ cached_tokens: Type.Optional(Type.Integer()) }))),
  output_tokens_details: Type.Optional(Nullable(Type.Object({ reasoning_tokens: Type.Optional(Type.Integer()) }))),
})
export type ResponsesUsage = Static<typeof ResponsesUsage>

export const ResponsesStatus = Type.Union([
  Type.Literal("completed"),
  Type.Literal("incomplete"),
  Type.Literal("failed"),
  Type.Literal("in_progress"),
  Type.Literal("queued"),
  Type.Literal("cancelled"),
])
export type ResponsesStatus = Static<typeof ResponsesStatus>

export const ResponsesErrorObject = Type.Object({
  message: Type.String(),
  type: Type.Optional(Nullable(Type.String())),
  code: Type.Optional(Nullable(Type.String())),
  param: Type.Optional(Nullable(Type.String())),
})
export type ResponsesErrorObject = Static<typeof ResponsesErrorObject>

export const ResponsesResponse = Type.Object({
  id: Type.String(),
  object: Type.Optional(Type.Literal("response")),
  created_at: Type.Optional(Type.Number()),
  model: Type.Optional(Type.String()),
  status: Type.Optional(ResponsesStatus),
  output: Type.Array(ResponsesItem),
  usage: Type.Optional(Nullable(ResponsesUsage)),
  incomplete_details: Type.Optional(Nullable(Type.Object({ reason: Type.Optional(Type.String()) }))),
  error: Type.Optional(Nullable(ResponsesErrorObject)),
})
export type ResponsesResponse = Static<typeof ResponsesResponse>

// ---------- stream events ----------

const ItemEvent = <T extends string>(type: T) =>
  Type.Object({ type: Type.Literal(type), output_index: Type.Integer(), item: ResponsesItem, sequence_number: Type.Optional(Type.Integer()) })
const ResponseEvent = <T extends string>(type: T) =>
  Type.Object({ type: Type.Literal(type), response: ResponsesResponse, sequence_number: Type.Optional(Type.Integer()) })
const DeltaEvent = <T extends string>(type: T) =>
  Type.Object({
    type: Type.Literal(type),
    item_id: Type.String(),
    output_index: Type.Integer(),
    delta: Type.String(),
    content_index: Type.Optional(Type.Integer()),
    summary_index: Type.Optional(Type.Integer()),
    sequence_number: Type.Optional(Type.Integer()),
  })

export const ResponsesStreamEvent = Type.Union([
  ResponseEvent("response.created"),
  ResponseEvent("response.in_progress"),
  ResponseEvent("response.completed"),
  ResponseEvent("response.incomplete"),
  ResponseEvent("response.failed"),
  ItemEvent("response.output_item.added"),
  ItemEvent("response.output_item.done"),
  DeltaEvent("response.output_text.delta"),
  DeltaEvent("response.refusal.delta"),
  DeltaEvent("response.function_call_arguments.delta"),
  DeltaEvent("response.reasoning_summary_text.delta"),
  DeltaEvent("response.reasoning_text.delta"),
  Type.Object({
    type: Type.Literal("error"),
    message: Type.Optional(Type.String()),
    code: Type.Optional(Nullable(Type.String())),
    param: Type.Optional(Nullable(Type.String())),
    error: Type.Optional(ResponsesErrorObject),
    sequence_number: Type.Optional(Type.Integer()),
  }),
])
export type ResponsesStreamEvent = Static<typeof ResponsesStreamEvent>

// ---------- error ----------

export const ResponsesErrorBody = Type.Object({ error: ResponsesErrorObject })
export type ResponsesErrorBody = Static<typeof ResponsesErrorBody>
