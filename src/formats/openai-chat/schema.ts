/**
 * OpenAI Chat Completions wire types: only the fields ccproxy reads are declared,
 * everything else passes through (objects are open).
 * @see https://platform.openai.com/docs/api-reference/chat
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox"

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

// ---------- content parts ----------

export const ChatTextPart = Type.Object({ type: Type.Literal("text"), text: Type.String() })
export const ChatImagePart = Type.Object({
  type: Type.Literal("image_url"),
  image_url: Type.Object({ url: Type.String(), detail: Type.Optional(Type.String()) }),
})
export const ChatAudioPart = Type.Object({
  type: Type.Literal("input_audio"),
  input_audio: Type.Object({ data: Type.String(), format: Type.String() }),
})
export const ChatFilePart = Type.Object({
  type: Type.Literal("file"),
  file: Type.Object({
    file_data: Type.Optional(Type.String()),
    file_id: Type.Optional(Type.String()),
    filename: Type.Optional(Type.String()),
  }),
})
export const ChatRefusalPart = Type.Object({ type: Type.Literal("refusal"), refusal: Type.String() })
export const ChatContentPart = Type.Union([ChatTextPart, ChatImagePart, ChatAudioPart, ChatFilePart, ChatRefusalPart])
export type ChatContentPart = Static<typeof ChatContentPart>

// ---------- messages ----------

export const ChatToolCall = Type.Object({
  id: Type.String(),
  type: Type.Literal("function"),
  function: Type.Object({ name: Type.String(), arguments: Type.String() }),
})
export type ChatToolCall = Static<typeof ChatToolCall>

const TextOrParts = Type.Union([Type.String(), Type.Array(ChatContentPart)])

export const ChatSystemMessage = Type.Object({
  role: Type.Union([Type.Literal("system"), Type.Literal("developer")]),
  content: TextOrParts,
  name: Type.Optional(Type.String()),
})
export const ChatUserMessage = Type.Object({
  role: Type.Literal("user"),
  content: TextOrParts,
  name: Type.Optional(Type.String()),
})
export const ChatAssistantMessage = Type.Object({
  role: Type.Literal("assistant"),
  content: Type.Optional(Nullable(TextOrParts)),
  refusal: Type.Optional(Nullable(Type.String())),
  tool_calls: Type.Optional(Type.Array(ChatToolCall)),
  /** Legacy single function call (pre-tools API). */
  function_call: Type.Optional(Nullable(Type.Object({ name: Type.String(), arguments: Type.String() }))),
  /** Non-standard reasoning text used by DeepSeek, vLLM, Copilot and by ccproxy. */
  reasoning_content: Type.Optional(Nullable(Type.String())),
  /** Non-standard (OpenRouter's shape): replayable reasoning items, see reasoning-details.ts. */
  reasoning_details: Type.Optional(Type.Array(Type.Unknown())),
  name: Type.Optional(Type.String()),
})
export const ChatToolMessage = Type.Object({
  role: Type.Literal("tool"),
  content: TextOrParts,
  tool_call_id: Type.String(),
})
export const ChatFunctionMessage = Type.Object({
  role: Type.Literal("function"),
  content: Nullable(Type.String()),
  name: Type.String(),
})
export const ChatMessage = Type.Union([
  ChatSystemMessage,
  ChatUserMessage,
  ChatAssistantMessage,
  ChatToolMessage,
  ChatFunctionMessage,
])
export type ChatMessage = Static<typeof ChatMessage>
export type ChatAssistantMessage = Static<typeof ChatAssistantMessage>

// ---------- tools and options ----------

export const ChatFunctionTool = Type.Object({
  type: Type.Literal("function"),
  function: Type.Object({
    name: Type.String(),
    description: Type.Optional(Type.String()),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    strict: Type.Optional(Nullable(Type.Boolean())),
  }),
})
export type ChatFunctionTool = Static<typeof ChatFunctionTool>
/** Function tools plus anything else (custom tools) we only pass on or warn about. */
export const ChatTool = Type.Union([ChatFunctionTool, Type.Object({ type: Type.String() })])
export type ChatTool = Static<typeof ChatTool>

export const ChatToolChoice = Type.Union([
  Type.Literal("none"),
  Type.Literal("auto"),
  Type.Literal("required"),
  Type.Object({ type: Type.Literal("function"), function: Type.Object({ name: Type.String() }) }),
  Type.Object({ type: Type.String() }),
])
export type ChatToolChoice = Static<typeof ChatToolChoice>

export const ChatResponseFormat = Type.Union([
  Type.Object({ type: Type.Literal("text") }),
  Type.Object({ type: Type.Literal("json_object") }),
  Type.Object({
    type: Type.Literal("json_schema"),
    json_schema: Type.Object({
      name: Type.String(),
      description: Type.Optional(Type.String()),
      schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      strict: Type.Optional(Nullable(Type.Boolean())),
    }),
  }),
])
export type ChatResponseFormat = Static<typeof ChatResponseFormat>

export const ChatReasoningEffort = Type.Union([
  Type.Literal("none"),
  Type.Literal("minimal"),
  Type.Literal("low"),
  Type.Literal("medium"),
  Type.Literal("high"),
  Type.Literal("xhigh"),
])

// ---------- request ----------

export const ChatCompletionRequest = Type.Object({
  model: Type.String(),
  messages: Type.Array(ChatMessage),
  stream: Type.Optional(Nullable(Type.Boolean())),
  stream_options: Type.Optional(Nullable(Type.Object({ include_usage: Type.Optional(Type.Boolean()) }))),
  max_tokens: Type.Optional(Nullable(Type.Integer())),
  max_completion_tokens: Type.Optional(Nullable(Type.Integer())),
  temperature: Type.Optional(Nullable(Type.Number())),
  top_p: Type.Optional(Nullable(Type.Number())),
  n: Type.Optional(Nullable(Type.Integer())),
  stop: Type.Optional(Nullable(Type.Union([Type.String(), Type.Array(Type.String())]))),
  seed: Type.Optional(Nullable(Type.Integer())),
  presence_penalty: Type.Optional(Nullable(Type.Number())),
  frequency_penalty: Type.Optional(Nullable(Type.Number())),
  logit_bias: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
  logprobs: Type.Optional(Nullable(Type.Boolean())),
  top_logprobs: Type.Optional(Nullable(Type.Integer())),
  tools: Type.Optional(Type.Array(ChatTool)),
  tool_choice: Type.Optional(ChatToolChoice),
  parallel_tool_calls: Type.Optional(Type.Boolean()),
  response_format: Type.Optional(ChatResponseFormat),
  reasoning_effort: Type.Optional(Nullable(ChatReasoningEffort)),
  verbosity: Type.Optional(Nullable(Type.String())),
  metadata: Type.Optional(Nullable(Type.Record(Type.String(), Type.String()))),
  user: Type.Optional(Type.String()),
  safety_identifier: Type.Optional(Type.String()),
  prompt_cache_key: Type.Optional(Type.String()),
  service_tier: Type.Optional(Nullable(Type.String())),
  store: Type.Optional(Nullable(Type.Boolean())),
})
export type ChatCompletionRequest = Static<typeof ChatCompletionRequest>

// ---------- response ----------

export const ChatUsage = Type.Object({
  prompt_tokens: Type.Integer(),
  completion_tokens: Type.Integer(),
  total_tokens: Type.Integer(),
  prompt_tokens_details: Type.Optional(Nullable(Type.Object({ cached_tokens: Type.Optional(Type.Integer()) }))),
  completion_tokens_details: Type.Optional(
    Nullable(Type.Object({ reasoning_tokens: Type.Optional(Type.Integer()) })),
  ),
})
export type ChatUsage = Static<typeof ChatUsage>

export const ChatFinishReason = Type.Union([
  Type.Literal("stop"),
  Type.Literal("length"),
  Type.Literal("tool_calls"),
  Type.Literal("content_filter"),
  Type.Literal("function_call"),
])
export type ChatFinishReason = Static<typeof ChatFinishReason>

export const ChatCompletion = Type.Object({
  id: Type.String(),
  object: Type.Literal("chat.completion"),
  created: Type.Integer(),
  model: Type.String(),
  choices: Type.Array(
    Type.Object({
      index: Type.Integer(),
      message: ChatAssistantMessage,
      finish_reason: Nullable(ChatFinishReason),
      logprobs: Type.Optional(Nullable(Type.Unknown())),
    }),
  ),
  usage: Type.Optional(Nullable(ChatUsage)),
  service_tier: Type.Optional(Nullable(Type.String())),
  system_fingerprint: Type.Optional(Nullable(Type.String())),
})
export type ChatCompletion = Static<typeof ChatCompletion>

// ---------- error ----------

export const ChatErrorObject = Type.Object({
  message: Type.String(),
  type: Type.Optional(Nullable(Type.String())),
  param: Type.Optional(Nullable(Type.String())),
  code: Type.Optional(Nullable(Type.Union([Type.String(), Type.Number()]))),
})
export const ChatError = Type.Object({ error: ChatErrorObject })
export type ChatError = Static<typeof ChatError>

// ---------- stream chunk ----------

export const ChatToolCallDelta = Type.Object({
  index: Type.Integer(),
  id: Type.Optional(Type.String()),
  type: Type.Optional(Type.Literal("function")),
  function: Type.Optional(Type.Object({ name: Type.Optional(Type.String()), arguments: Type.Optional(Type.String()) })),
})
export type ChatToolCallDelta = Static<typeof ChatToolCallDelta>

export const ChatDelta = Type.Object({
  role: Type.Optional(Type.String()),
  content: Type.Optional(Nullable(Type.String())),
  refusal: Type.Optional(Nullable(Type.String())),
  reasoning_content: Type.Optional(Nullable(Type.String())),
  reasoning_details: Type.Optional(Type.Array(Type.Unknown())),
  tool_calls: Type.Optional(Type.Array(ChatToolCallDelta)),
})
export type ChatDelta = Static<typeof ChatDelta>

export const ChatCompletionChunk = Type.Object({
  id: Type.String(),
  object: Type.Literal("chat.completion.chunk"),
  created: Type.Integer(),
  model: Type.String(),
  choices: Type.Array(
    Type.Object({
      index: Type.Integer(),
      delta: ChatDelta,
      finish_reason: Type.Optional(Nullable(ChatFinishReason)),
    }),
  ),
  usage: Type.Optional(Nullable(ChatUsage)),
  /** A mid-stream error; the OpenAI SDK throws on any chunk carrying one. */
  error: Type.Optional(ChatErrorObject),
})
export type ChatCompletionChunk = Static<typeof ChatCompletionChunk>
