/**
 * Anthropic Messages wire types: only the fields ccproxy reads are declared, every object
 * stays open so unknown fields (cache_control, citations, betas) pass through unchanged.
 * @see https://docs.anthropic.com/en/api/messages
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox"

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const AnthropicCacheControl = Type.Object({ type: Type.String(), ttl: Type.Optional(Type.String()) })

// ---------- content blocks ----------

export const AnthropicTextBlock = Type.Object({
  type: Type.Literal("text"),
  text: Type.String(),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
  citations: Type.Optional(Nullable(Type.Array(Type.Unknown()))),
})
export type AnthropicTextBlock = Static<typeof AnthropicTextBlock>

export const AnthropicBase64Source = Type.Object({
  type: Type.Literal("base64"),
  media_type: Type.String(),
  data: Type.String(),
})
export const AnthropicUrlSource = Type.Object({ type: Type.Literal("url"), url: Type.String() })
export const AnthropicTextSource = Type.Object({
  type: Type.Literal("text"),
  media_type: Type.Optional(Type.String()),
  data: Type.String(),
})
/** `file` (Files API) and `content` sources: carried opaquely. */
export const AnthropicOtherSource = Type.Object({ type: Type.Union([Type.Literal("file"), Type.Literal("content")]) })

export const AnthropicImageBlock = Type.Object({
  type: Type.Literal("image"),
  source: Type.Union([AnthropicBase64Source, AnthropicUrlSource, AnthropicOtherSource]),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
})
export type AnthropicImageBlock = Static<typeof AnthropicImageBlock>

export const AnthropicDocumentBlock = Type.Object({
  type: Type.Literal("document"),
  source: Type.Union([AnthropicBase64Source, AnthropicUrlSource, AnthropicTextSource, AnthropicOtherSource]),
  title: Type.Optional(Nullable(Type.String())),
  context: Type.Optional(Nullable(Type.String())),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
})
export type AnthropicDocumentBlock = Static<typeof AnthropicDocumentBlock>

export const AnthropicThinkingBlock = Type.Object({
  type: Type.Literal("thinking"),
  thinking: Type.String(),
  signature: Type.String(),
})
export type AnthropicThinkingBlock = Static<typeof AnthropicThinkingBlock>

export const AnthropicRedactedThinkingBlock = Type.Object({
  type: Type.Literal("redacted_thinking"),
  data: Type.String(),
})
export type AnthropicRedactedThinkingBlock = Static<typeof AnthropicRedactedThinkingBlock>

export const AnthropicToolUseBlock = Type.Object({
  type: Type.Literal("tool_use"),
  id: Type.String(),
  name: Type.String(),
  input: Type.Unknown(),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
})
export type AnthropicToolUseBlock = Static<typeof AnthropicToolUseBlock>

export const AnthropicToolResultBlock = Type.Object({
  type: Type.Literal("tool_result"),
  tool_use_id: Type.String(),
  content: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.Union([AnthropicTextBlock, AnthropicImageBlock, AnthropicDocumentBlock]))]),
  ),
  is_error: Type.Optional(Type.Boolean()),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
})
export type AnthropicToolResultBlock = Static<typeof AnthropicToolResultBlock>

/**
 * Server-side tool blocks (web_search, code execution, MCP, ...). Only their `type`
 * is read; converters to other formats warn and drop them.
 */
export const AnthropicServerToolBlock = Type.Object({
  type: Type.Union([
    Type.Literal("server_tool_use"),
    Type.Literal("web_search_tool_result"),
    Type.Literal("web_fetch_tool_result"),
    Type.Literal("code_execution_tool_result"),
    Type.Literal("mcp_tool_use"),
    Type.Literal("mcp_tool_result"),
    Type.Literal("container_upload"),
    Type.Literal("search_result"),
  ]),
})
export type AnthropicServerToolBlock = Static<typeof AnthropicServerToolBlock>

export const AnthropicContentBlock = Type.Union([
  AnthropicTextBlock,
  AnthropicImageBlock,
  AnthropicDocumentBlock,
  AnthropicThinkingBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicToolUseBlock,
  AnthropicToolResultBlock,
  AnthropicServerToolBlock,
])
export type AnthropicContentBlock = Static<typeof AnthropicContentBlock>

// ---------- request ----------

/** `system` role entries appear mid-conversation under the `mid-conversation-system-2026-04-07` beta. */
export const AnthropicMessage = Type.Object({
  role: Type.Union([Type.Literal("user"), Type.Literal("assistant"), Type.Literal("system")]),
  content: Type.Union([Type.String(), Type.Array(AnthropicContentBlock)]),
})
export type AnthropicMessage = Static<typeof AnthropicMessage>

export const AnthropicTool = Type.Object({
  /** Absent or `custom` for client tools; server tools carry a versioned type such as `web_search_20250305`. */
  type: Type.Optional(Type.String()),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  input_schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  strict: Type.Optional(Type.Boolean()),
  cache_control: Type.Optional(Nullable(AnthropicCacheControl)),
})
export type AnthropicTool = Static<typeof AnthropicTool>

export const AnthropicToolChoice = Type.Object({
  type: Type.Union([Type.Literal("auto"), Type.Literal("any"), Type.Literal("tool"), Type.Literal("none")]),
  name: Type.Optional(Type.String()),
  disable_parallel_tool_use: Type.Optional(Type.Boolean()),
})
export type AnthropicToolChoice = Static<typeof AnthropicToolChoice>

export const AnthropicThinkingConfig = Type.Union([
  Type.Object({ type: Type.Literal("enabled"), budget_tokens: Type.Integer() }),
  Type.Object({ type: Type.Literal("disabled") }),
  Type.Object({
    type: Type.Literal("adaptive"),
    display: Type.Optional(Type.Union([Type.Literal("summarized"), Type.Literal("omitted")])),
  }),
])
export type AnthropicThinkingConfig = Static<typeof AnthropicThinkingConfig>

export const AnthropicEffort = Type.Union([
  Type.Literal("low"),
  Type.Literal("medium"),
  Type.Literal("high"),
  Type.Literal("max"),
])
export type AnthropicEffort = Static<typeof AnthropicEffort>

export const AnthropicJsonSchemaFormat = Type.Object({
  type: Type.Literal("json_schema"),
  schema: Type.Record(Type.String(), Type.Unknown()),
})
export type AnthropicJsonSchemaFormat = Static<typeof AnthropicJsonSchemaFormat>

export const AnthropicMessagesRequest = Type.Object({
  model: Type.String(),
  messages: Type.Array(AnthropicMessage),
  max_tokens: Type.Integer(),
  system: Type.Optional(Type.Union([Type.String(), Type.Array(AnthropicTextBlock)])),
  stop_sequences: Type.Optional(Type.Array(Type.String())),
  temperature: Type.Optional(Type.Number()),
  top_p: Type.Optional(Type.Number()),
  top_k: Type.Optional(Type.Integer()),
  stream: Type.Optional(Type.Boolean()),
  tools: Type.Optional(Type.Array(AnthropicTool)),
  tool_choice: Type.Optional(AnthropicToolChoice),
  thinking: Type.Optional(AnthropicThinkingConfig),
  metadata: Type.Optional(Type.Object({ user_id: Type.Optional(Nullable(Type.String())) })),
  /** Structured outputs and effort (GA); `output_format` is the older beta spelling of `format`. */
  output_config: Type.Optional(
    Type.Object({ effort: Type.Optional(AnthropicEffort), format: Type.Optional(AnthropicJsonSchemaFormat) }),
  ),
  output_format: Type.Optional(AnthropicJsonSchemaFormat),
  service_tier: Type.Optional(Type.String()),
})
export type AnthropicMessagesRequest = Static<typeof AnthropicMessagesRequest>

// ---------- response ----------

export const AnthropicUsage = Type.Object({
  input_tokens: Type.Integer(),
  output_tokens: Type.Integer(),
  cache_creation_input_tokens: Type.Optional(Nullable(Type.Integer())),
  cache_read_input_tokens: Type.Optional(Nullable(Type.Integer())),
  cache_creation: Type.Optional(
    Nullable(
      Type.Object({
        ephemeral_5m_input_tokens: Type.Optional(Type.Integer()),
        ephemeral_1h_input_tokens: Type.Optional(Type.Integer()),
      }),
    ),
  ),
  service_tier: Type.Optional(Nullable(Type.String())),
})
export type AnthropicUsage = Static<typeof AnthropicUsage>

export const AnthropicStopReason = Type.Union([
  Type.Literal("end_turn"),
  Type.Literal("max_tokens"),
  Type.Literal("stop_sequence"),
  Type.Literal("tool_use"),
  Type.Literal("pause_turn"),
  Type.Literal("refusal"),
  Type.Literal("model_context_window_exceeded"),
])
export type AnthropicStopReason = Static<typeof AnthropicStopReason>

export const AnthropicMessagesResponse = Type.Object({
  id: Type.String(),
  type: Type.Literal("message"),
  role: Type.Literal("assistant"),
  model: Type.String(),
  content: Type.Array(AnthropicContentBlock),
  stop_reason: Nullable(AnthropicStopReason),
  stop_sequence: Type.Optional(Nullable(Type.String())),
  usage: AnthropicUsage,
})
export type AnthropicMessagesResponse = Static<typeof AnthropicMessagesResponse>

// ---------- stream events ----------

export const AnthropicMessageStartEvent = Type.Object({
  type: Type.Literal("message_start"),
  message: AnthropicMessagesResponse,
})
export const AnthropicContentBlockStartEvent = Type.Object({
  type: Type.Literal("content_block_start"),
  index: Type.Integer(),
  content_block: AnthropicContentBlock,
})
export const AnthropicBlockDelta = Type.Union([
  Type.Object({ type: Type.Literal("text_delta"), text: Type.String() }),
  Type.Object({ type: Type.Literal("input_json_delta"), partial_json: Type.String() }),
  Type.Object({ type: Type.Literal("thinking_delta"), thinking: Type.String() }),
  Type.Object({ type: Type.Literal("signature_delta"), signature: Type.String() }),
  Type.Object({ type: Type.Literal("citations_delta"), citation: Type.Unknown() }),
])
export type AnthropicBlockDelta = Static<typeof AnthropicBlockDelta>
export const AnthropicContentBlockDeltaEvent = Type.Object({
  type: Type.Literal("content_block_delta"),
  index: Type.Integer(),
  delta: AnthropicBlockDelta,
})
export const AnthropicContentBlockStopEvent = Type.Object({
  type: Type.Literal("content_block_stop"),
  index: Type.Integer(),
})
export const AnthropicMessageDeltaEvent = Type.Object({
  type: Type.Literal("message_delta"),
  delta: Type.Object({
    stop_reason: Type.Optional(Nullable(AnthropicStopReason)),
    stop_sequence: Type.Optional(Nullable(Type.String())),
  }),
  /** Cumulative; `input_tokens` and cache fields appear here too on newer API versions. */
  usage: Type.Partial(AnthropicUsage),
})
export const AnthropicMessageStopEvent = Type.Object({ type: Type.Literal("message_stop") })
export const AnthropicPingEvent = Type.Object({ type: Type.Literal("ping") })

// ---------- error ----------

export const AnthropicErrorObject = Type.Object({ type: Type.String(), message: Type.String() })
export const AnthropicErrorBody = Type.Object({ type: Type.Literal("error"), error: AnthropicErrorObject })
export type AnthropicErrorBody = Static<typeof AnthropicErrorBody>
export const AnthropicErrorEvent = AnthropicErrorBody

export const AnthropicStreamEvent = Type.Union([
  AnthropicMessageStartEvent,
  AnthropicContentBlockStartEvent,
  AnthropicContentBlockDeltaEvent,
  AnthropicContentBlockStopEvent,
  AnthropicMessageDeltaEvent,
  AnthropicMessageStopEvent,
  AnthropicPingEvent,
  AnthropicErrorEvent,
])
export type AnthropicStreamEvent = Static<typeof AnthropicStreamEvent>
export type AnthropicMessageStartEvent = Static<typeof AnthropicMessageStartEvent>
export type AnthropicContentBlockStartEvent = Static<typeof AnthropicContentBlockStartEvent>
export type AnthropicContentBlockDeltaEvent = Static<typeof AnthropicContentBlockDeltaEvent>
export type AnthropicMessageDeltaEvent = Static<typeof AnthropicMessageDeltaEvent>
