import { expect } from "bun:test"
import type { SseEvent } from "~/formats/types"

/** Structural rules Claude Code and @anthropic-ai/sdk rely on (real-clients.md §1a, §2). */
export function expectWellFormedAnthropicStream(events: SseEvent[]): void {
  const data = events.map((event) => JSON.parse(event.data))
  events.forEach((event, i) => expect(event.event).toBe(data[i].type))
  expect(data[0].type).toBe("message_start")
  expect(data[0].message.content).toEqual([])
  expect(data[0].message.usage).toBeDefined()
  const open = new Map<number, string>()
  const seen = new Set<number>()
  for (const item of data.slice(1, -2)) {
    if (item.type === "content_block_start") {
      expect(seen.has(item.index)).toBe(false)
      seen.add(item.index)
      open.set(item.index, item.content_block.type)
      if (item.content_block.type === "thinking") expect(item.content_block.thinking).toBe("")
      if (item.content_block.type === "tool_use") expect(item.content_block.input).toEqual({})
    } else if (item.type === "content_block_delta") {
      const kind = open.get(item.index)
      expect(kind).toBeDefined()
      const allowed: Record<string, string[]> = {
        text: ["text_delta"],
        thinking: ["thinking_delta", "signature_delta"],
        tool_use: ["input_json_delta"],
      }
      expect(allowed[kind!]).toContain(item.delta.type)
    } else if (item.type === "content_block_stop") {
      expect(open.delete(item.index)).toBe(true)
    } else {
      throw new Error(`unexpected event ${item.type}`)
    }
  }
  expect(open.size).toBe(0)
  expect(data.at(-2).type).toBe("message_delta")
  expect(data.at(-2).usage).toBeDefined()
  expect(data.at(-1).type).toBe("message_stop")
}

/** Rebuilds the final content blocks from an Anthropic stream. */
export function collectBlocks(events: SseEvent[]): any[] {
  const blocks: any[] = []
  const json: string[][] = []
  for (const event of events) {
    const item = JSON.parse(event.data)
    if (item.type === "content_block_start") {
      blocks[item.index] = structuredClone(item.content_block)
      json[item.index] = []
    } else if (item.type === "content_block_delta") {
      const block = blocks[item.index]
      if (item.delta.type === "text_delta") block.text += item.delta.text
      if (item.delta.type === "thinking_delta") block.thinking += item.delta.thinking
      if (item.delta.type === "signature_delta") block.signature += item.delta.signature
      if (item.delta.type === "input_json_delta") json[item.index]!.push(item.delta.partial_json)
    } else if (item.type === "content_block_stop" && blocks[item.index].type === "tool_use") {
      const text = json[item.index]!.join("")
      blocks[item.index].input = text ? JSON.parse(text) : {}
    }
  }
  return blocks
}
