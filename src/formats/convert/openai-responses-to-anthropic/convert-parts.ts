import type { AnthropicContentBlock } from "../../anthropic/schema"
import type { ResponsesContentPart } from "../../openai-responses/schema"
import type { ConversionContext } from "../../types"

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s

/** A Responses content part → an Anthropic block; undefined (with a warning) when it cannot travel. */
export function convertPart(part: ResponsesContentPart, path: string, ctx: ConversionContext): AnthropicContentBlock | undefined {
  switch (part.type) {
    case "input_text":
    case "output_text":
      return { type: "text", text: part.text }
    case "refusal":
      return { type: "text", text: part.refusal }
    case "input_image": {
      const match = part.image_url ? DATA_URL.exec(part.image_url) : null
      if (match) return { type: "image", source: { type: "base64", media_type: match[1]!, data: match[2]! } }
      if (part.image_url) return { type: "image", source: { type: "url", url: part.image_url } }
      break
    }
    case "input_file": {
      const match = part.file_data ? DATA_URL.exec(part.file_data) : null
      const title = part.filename ? { title: part.filename } : {}
      if (match?.[1] === "application/pdf") return { type: "document", source: { type: "base64", media_type: "application/pdf", data: match[2]! }, ...title }
      if (match?.[1]?.startsWith("text/")) {
        const data = Buffer.from(match[2]!, "base64").toString("utf8")
        return { type: "document", source: { type: "text", media_type: "text/plain", data }, ...title }
      }
      if (part.file_url) return { type: "document", source: { type: "url", url: part.file_url }, ...title }
      break
    }
    default:
      break
  }
  ctx.warnings.push({ code: "unsupported", path, message: `Responses "${part.type}" part cannot be sent to Anthropic (file ids and this media type are not portable); dropped` })
  return undefined
}

/** String or part list → Anthropic blocks (strings become one text block). */
export function convertParts(content: string | ResponsesContentPart[], path: string, ctx: ConversionContext): AnthropicContentBlock[] {
  if (typeof content === "string") return content.length > 0 ? [{ type: "text", text: content }] : []
  const blocks: AnthropicContentBlock[] = []
  content.forEach((part, index) => {
    const block = convertPart(part, `${path}[${index}]`, ctx)
    if (block) blocks.push(block)
  })
  return blocks
}
