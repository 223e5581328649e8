import type { AnthropicToolChoice } from "~/formats/anthropic/schema"
import type { ChatToolChoice } from "~/formats/openai-chat/schema"

/**
 * Anthropic `tool_choice` → Chat `tool_choice` plus `parallel_tool_calls`
 * (`disable_parallel_tool_use: true` ⇄ `parallel_tool_calls: false`).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use
 */
export function mapAnthropicToolChoice(choice: AnthropicToolChoice): {
  toolChoice: ChatToolChoice
  parallelToolCalls?: boolean
} {
  const parallelToolCalls = choice.disable_parallel_tool_use === undefined ? undefined : !choice.disable_parallel_tool_use
  switch (choice.type) {
    case "auto":
      return { toolChoice: "auto", parallelToolCalls }
    case "any":
      return { toolChoice: "required", parallelToolCalls }
    case "tool":
      return { toolChoice: { type: "function", function: { name: choice.name ?? "" } }, parallelToolCalls }
    case "none":
      return { toolChoice: "none" }
    default:
      return { toolChoice: "auto", parallelToolCalls }
  }
}
