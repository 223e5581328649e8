import type { ChatToolChoice } from "../../openai-chat/schema"
import type { ResponsesToolChoice } from "../../openai-responses/schema"

/** Chat `tool_choice` (nested) as Responses `tool_choice` (flat); undefined when Responses has no equivalent. */
export function mapChatToolChoice(choice: ChatToolChoice): ResponsesToolChoice | undefined {
  if (typeof choice === "string") return choice
  switch (choice.type) {
    case "function":
      return { type: "function", name: (choice as { function: { name: string } }).function.name }
    default:
      return undefined
  }
}
