import type { AnthropicToolChoice } from "../../anthropic/schema"
import type { ResponsesToolChoice } from "../../openai-responses/schema"

/**
 * Anthropic `tool_choice` → Responses `tool_choice` (flat `{type:"function",name}` form,
 * not the nested Chat one the original sent).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 */
export function mapAnthropicToolChoice(choice: AnthropicToolChoice): ResponsesToolChoice {
  switch (choice.type) {
    case "auto":
      return "auto"
    case "any":
      return "required"
    case "none":
      return "none"
    case "tool":
      return choice.name ? { type: "function", name: choice.name } : "required"
    default:
      return "auto"
  }
}
