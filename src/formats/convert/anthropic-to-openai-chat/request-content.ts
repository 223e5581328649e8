import type { AnthropicDocumentBlock, AnthropicImageBlock } from "~/formats/anthropic/schema"
import type { ChatContentPart } from "~/formats/openai-chat/schema"
import type { ConversionContext } from "../../types"
import { warn } from "./warn"

/** Anthropic image (base64 or URL source) → Chat `image_url` part. */
export function imageToChatPart(block: AnthropicImageBlock, path: string, ctx: ConversionContext): ChatContentPart | undefined {
  const source = block.source
  if (source.type === "base64") {
    return { type: "image_url", image_url: { url: `data:${source.media_type};base64,${source.data}` } }
  }
  if (source.type === "url") return { type: "image_url", image_url: { url: source.url } }
  warn(ctx, "unsupported", path, `image source type "${source.type}" has no Chat Completions equivalent; dropped`)
  return undefined
}

/**
 * Anthropic document → Chat part: base64 files become a `file` part with a data URL,
 * plain-text documents become text. URL and Files-API documents cannot be carried.
 */
export function documentToChatPart(
  block: AnthropicDocumentBlock,
  path: string,
  ctx: ConversionContext,
): ChatContentPart | undefined {
  const source = block.source
  if (source.type === "base64") {
    const filename = block.title ?? (source.media_type === "application/pdf" ? "document.pdf" : "document")
    return { type: "file", file: { filename, file_data: `data:${source.media_type};base64,${source.data}` } }
  }
  if (source.type === "text") {
    return { type: "text", text: block.title ? `${block.title}\n\n${source.data}` : source.data }
  }
  if (source.type === "content") {
    const inner = (source as { content?: unknown }).content
    const text = typeof inner === "string" ? inner : textOfBlocks(inner)
    if (text !== undefined) return { type: "text", text }
  }
  warn(ctx, "unsupported", path, `document source type "${source.type}" has no Chat Completions equivalent; dropped`)
  return undefined
}

function textOfBlocks(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined
  const texts = blocks.filter((b) => b?.type === "text" && typeof b.text === "string").map((b) => b.text as string)
  return texts.length === blocks.length ? texts.join("\n") : undefined
}
