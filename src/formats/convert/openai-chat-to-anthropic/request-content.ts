import type { AnthropicContentBlock } from "~/formats/anthropic/schema"
import type { ConversionContext } from "../../types"
import { isRecord, warn } from "../anthropic-to-openai-chat/warn"

type UserBlock = Extract<AnthropicContentBlock, { type: "text" | "image" | "document" }>

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s

/** Chat content (string or parts) → Anthropic text, image and document blocks; empty text is left out. */
export function chatContentToBlocks(content: unknown, path: string, ctx: ConversionContext): UserBlock[] {
  if (typeof content === "string") return content.length > 0 ? [{ type: "text", text: content }] : []
  if (!Array.isArray(content)) return []
  const blocks: UserBlock[] = []
  content.forEach((part, i) => {
    const block = partToBlock(part, `${path}[${i}]`, ctx)
    if (block) blocks.push(block)
  })
  return blocks
}

/** The text of Chat content, parts joined by newlines (non-text parts warned about). */
export function chatContentText(content: unknown, path: string, ctx: ConversionContext): string {
  if (typeof content === "string") return content
  if (!Array.isArray(content)) return ""
  const texts: string[] = []
  content.forEach((part, i) => {
    if (isRecord(part) && part.type === "text" && typeof part.text === "string") texts.push(part.text)
    else warn(ctx, "unsupported", `${path}[${i}]`, "only text parts can be carried here; part dropped")
  })
  return texts.join("\n")
}

function partToBlock(part: unknown, path: string, ctx: ConversionContext): UserBlock | undefined {
  if (!isRecord(part)) return undefined
  switch (part.type) {
    case "text":
      return typeof part.text === "string" && part.text.length > 0 ? { type: "text", text: part.text } : undefined
    case "refusal":
      return typeof part.refusal === "string" && part.refusal.length > 0 ? { type: "text", text: part.refusal } : undefined
    case "image_url":
      return imageBlock(isRecord(part.image_url) ? part.image_url.url : undefined, path, ctx)
    case "file":
      return documentBlock(isRecord(part.file) ? part.file : {}, path, ctx)
    default:
      warn(ctx, "unsupported", path, `"${String(part.type)}" content has no Anthropic equivalent; dropped`)
      return undefined
  }
}

function imageBlock(url: unknown, path: string, ctx: ConversionContext): UserBlock | undefined {
  if (typeof url !== "string") return undefined
  const data = DATA_URL.exec(url)
  if (data) return { type: "image", source: { type: "base64", media_type: data[1]!, data: data[2]! } }
  if (/^https?:\/\//i.test(url)) return { type: "image", source: { type: "url", url } }
  warn(ctx, "unsupported", path, "image URL is neither a base64 data URL nor http(s); dropped")
  return undefined
}

/** Chat `file` parts carry base64 data URLs; text files become plain-text documents. */
function documentBlock(file: Record<string, unknown>, path: string, ctx: ConversionContext): UserBlock | undefined {
  const data = typeof file.file_data === "string" ? DATA_URL.exec(file.file_data) : null
  if (!data) {
    warn(ctx, "unsupported", path, "file parts without inline file_data (file_id) cannot be sent to Anthropic; dropped")
    return undefined
  }
  const title = typeof file.filename === "string" ? { title: file.filename } : {}
  const mediaType = data[1]!
  if (mediaType.startsWith("text/")) {
    const text = decodeBase64Text(data[2]!)
    return { type: "document", source: { type: "text", media_type: "text/plain", data: text }, ...title }
  }
  return { type: "document", source: { type: "base64", media_type: mediaType, data: data[2]! }, ...title }
}

function decodeBase64Text(base64: string): string {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new TextDecoder().decode(bytes)
}
