import type { ChatContentPart } from "../../openai-chat/schema"
import type { ResponsesContentPart } from "../../openai-responses/schema"
import type { ConversionWarning } from "../../types"

type TextKind = "input_text" | "output_text"

/**
 * Chat message content as Responses content parts. Text becomes `input_text` for
 * user/system/developer and `output_text` for the assistant; images (data: and http URLs
 * alike) become `input_image`, files `input_file`.
 */
export function convertContentToResponses(
  content: string | readonly ChatContentPart[],
  textKind: TextKind,
  path: string,
  warnings: ConversionWarning[],
): ResponsesContentPart[] {
  if (typeof content === "string") return [textPart(textKind, content)]
  const parts: ResponsesContentPart[] = []
  content.forEach((part, index) => {
    const converted = convertPart(part, textKind, `${path}[${index}]`, warnings)
    if (converted) parts.push(converted)
  })
  return parts
}

function textPart(kind: TextKind, text: string): ResponsesContentPart {
  return kind === "output_text" ? { type: "output_text", text, annotations: [] } : { type: "input_text", text }
}

function convertPart(
  part: ChatContentPart,
  textKind: TextKind,
  path: string,
  warnings: ConversionWarning[],
): ResponsesContentPart | undefined {
  switch (part.type) {
    case "text":
      return textPart(textKind, part.text)
    case "refusal":
      return { type: "refusal", refusal: part.refusal }
    case "image_url":
      return { type: "input_image", image_url: part.image_url.url, detail: part.image_url.detail ?? "auto" }
    case "file": {
      const { file_data, file_id, filename } = part.file
      return {
        type: "input_file",
        ...(file_data === undefined ? {} : { file_data }),
        ...(file_id === undefined ? {} : { file_id }),
        ...(filename === undefined ? {} : { filename }),
      }
    }
    case "input_audio":
      warnings.push({ code: "unsupported", path, message: "audio input has no Responses equivalent and was dropped" })
      return undefined
    default:
      warnings.push({
        code: "unsupported",
        path,
        message: `content part type "${(part as { type: string }).type}" has no Responses equivalent and was dropped`,
      })
      return undefined
  }
}

/** Chat tool-message content as a function_call_output string (Chat tool content is text only). */
export function convertToolContentToResponses(
  content: string | readonly ChatContentPart[],
  path: string,
  warnings: ConversionWarning[],
): string {
  if (typeof content === "string") return content
  let text = ""
  content.forEach((part, index) => {
    if (part.type === "text") text += part.text
    else warnings.push({ code: "unsupported", path: `${path}[${index}]`, message: `"${part.type}" parts in tool messages were dropped` })
  })
  return text
}
