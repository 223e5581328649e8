import type { ChatToolChoice } from "../../openai-chat/schema"
import type { ResponsesToolChoice } from "../../openai-responses/schema"

/** Responses `tool_choice` (flat) as Chat `tool_choice` (nested); undefined when Chat has no equivalent. */
export function mapResponsesToolChoice(choice: ResponsesToolChoice): ChatToolChoice | undefined {
  if (typeof choice === "string") return choice
  switch (choice.type) {
    case "function":
      return { type: "function", function: { name: (choice as { name: string }).name } }
    default:
      return undefined
  }
}
