import type { ChatContentPart } from "../../openai-chat/schema"
import type { ResponsesContentPart } from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"

/**
 * Responses content parts as Chat content parts. A list holding one text part collapses
 * to a plain string, which every Chat upstream accepts.
 */
export function convertContentToChat(
  content: string | readonly ResponsesContentPart[],
  path: string,
  warnings: ConversionWarning[],
): string | ChatContentPart[] {
  if (typeof content === "string") return content
  const parts: ChatContentPart[] = []
  content.forEach((part, index) => {
    const converted = convertPart(part, `${path}[${index}]`, warnings)
    if (converted) parts.push(converted)
  })
  const only = parts[0]
  if (parts.length === 1 && only?.type === "text") return only.text
  return parts
}

function convertPart(part: ResponsesContentPart, path: string, warnings: ConversionWarning[]): ChatContentPart | undefined {
  switch (part.type) {
    case "input_text":
    case "output_text":
      return { type: "text", text: part.text }
    case "refusal":
      return { type: "refusal", refusal: part.refusal }
    case "input_image":
      if (part.image_url) {
        return { type: "image_url", image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } }
      }
      warnings.push({ code: "unsupported", path, message: "input_image by file_id has no Chat Completions equivalent" })
      return undefined
    case "input_file":
      if (part.file_url) {
        warnings.push({ code: "unsupported", path, message: "input_file by file_url has no Chat Completions equivalent" })
        return undefined
      }
      return {
        type: "file",
        file: {
          ...(part.file_data === undefined ? {} : { file_data: part.file_data }),
          ...(part.file_id ? { file_id: part.file_id } : {}),
          ...(part.filename === undefined ? {} : { filename: part.filename }),
        },
      }
    default:
      warnings.push({
        code: "unsupported",
        path,
        message: `content part type "${(part as { type: string }).type}" has no Chat Completions equivalent`,
      })
      return undefined
  }
}

/** Function-call output as Chat tool-message content (text only: Chat tool messages hold no images). */
export function convertToolOutputToChat(
  output: string | readonly ResponsesContentPart[],
  path: string,
  warnings: ConversionWarning[],
): string {
  if (typeof output === "string") return output
  let text = ""
  output.forEach((part, index) => {
    if (part.type === "input_text" || part.type === "output_text") text += part.text
    else warnings.push({ code: "unsupported", path: `${path}[${index}]`, message: `Chat tool messages cannot carry "${part.type}" parts` })
  })
  return text
}
