import type { AnthropicToolChoice } from "../../anthropic/schema"
import type { ResponsesToolChoice } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

/**
 * Responses `tool_choice` → Anthropic `tool_choice`; hosted-tool and allowed_tools choices
 * have no Anthropic form and fall back to auto with a warning.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use
 */
export function mapResponsesToolChoice(choice: ResponsesToolChoice, ctx: ConversionContext): AnthropicToolChoice {
  if (typeof choice === "string") {
    switch (choice) {
      case "auto":
        return { type: "auto" }
      case "required":
        return { type: "any" }
      case "none":
        return { type: "none" }
      default:
        return { type: "auto" }
    }
  }
  if (choice.type === "function" && "name" in choice && typeof choice.name === "string") return { type: "tool", name: choice.name }
  ctx.warnings.push({ code: "value_changed", path: "tool_choice", message: `tool_choice "${choice.type}" has no Anthropic equivalent; using auto` })
  return { type: "auto" }
}
