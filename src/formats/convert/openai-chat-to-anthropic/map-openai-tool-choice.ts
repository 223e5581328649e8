import type { AnthropicToolChoice } from "~/formats/anthropic/schema"
import type { ConversionContext } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"

/**
 * Chat `tool_choice` + `parallel_tool_calls` → Anthropic `tool_choice`
 * (`parallel_tool_calls: false` ⇄ `disable_parallel_tool_use: true`).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice
 */
export function mapOpenAIToolChoice(
  choice: unknown,
  parallelToolCalls: boolean | undefined,
  ctx: ConversionContext,
): AnthropicToolChoice | undefined {
  const mapped = mapChoice(choice, ctx)
  if (parallelToolCalls !== false) return mapped
  const withParallel = mapped ?? { type: "auto" }
  if (withParallel.type === "none") return withParallel
  return { ...withParallel, disable_parallel_tool_use: true }
}

function mapChoice(choice: unknown, ctx: ConversionContext): AnthropicToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined
  if (choice === "none") return { type: "none" }
  if (choice === "auto") return { type: "auto" }
  if (choice === "required") return { type: "any" }
  if (isRecord(choice) && choice.type === "function" && isRecord(choice.function) && typeof choice.function.name === "string") {
    return { type: "tool", name: choice.function.name }
  }
  warn(ctx, "value_changed", "tool_choice", `tool_choice ${JSON.stringify(choice)} has no Anthropic equivalent; sent as auto`)
  return { type: "auto" }
}
