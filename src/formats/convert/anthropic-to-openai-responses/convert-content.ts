import type { AnthropicDocumentBlock, AnthropicImageBlock, AnthropicToolResultBlock } from "../../anthropic/schema"
import type { ResponsesContentPart } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

type MediaBlock = AnthropicImageBlock | AnthropicDocumentBlock

/** An image or document block → a Responses input part; undefined (with a warning) when it cannot travel. */
export function convertMedia(block: MediaBlock, path: string, ctx: ConversionContext): ResponsesContentPart | undefined {
  const source = block.source as { type: string; media_type?: string; data?: string; url?: string }
  if (block.type === "image") {
    if (source.type === "base64") return { type: "input_image", image_url: `data:${source.media_type};base64,${source.data}`, detail: "auto" }
    if (source.type === "url") return { type: "input_image", image_url: source.url!, detail: "auto" }
  } else {
    const filename = block.title ?? "document.pdf"
    if (source.type === "base64") return { type: "input_file", filename, file_data: `data:${source.media_type};base64,${source.data}` }
    if (source.type === "url") return { type: "input_file", file_url: source.url! }
    if (source.type === "text") return { type: "input_text", text: source.data! }
  }
  ctx.warnings.push({
    code: "unsupported",
    path,
    message: `Anthropic ${block.type} with a "${source.type}" source cannot be sent to the Responses API; dropped`,
  })
  return undefined
}

/**
 * tool_result content → function_call_output `output`: a string when it is all text (text
 * blocks joined by a newline), else a list of input parts so images and files survive.
 */
export function convertToolResultOutput(
  block: AnthropicToolResultBlock,
  path: string,
  ctx: ConversionContext,
): string | ResponsesContentPart[] {
  if (block.is_error) {
    ctx.warnings.push({ code: "field_dropped", path: `${path}.is_error`, message: "Responses function_call_output has no error flag; the result text is sent as is" })
  }
  const content = block.content
  if (content === undefined) return ""
  if (typeof content === "string") return content
  if (content.every((part) => part.type === "text")) return content.map((part) => (part as { text: string }).text).join("\n")
  const parts: ResponsesContentPart[] = []
  content.forEach((part, index) => {
    if (part.type === "text") parts.push({ type: "input_text", text: part.text })
    else {
      const converted = convertMedia(part, `${path}.content[${index}]`, ctx)
      if (converted) parts.push(converted)
    }
  })
  return parts
}
