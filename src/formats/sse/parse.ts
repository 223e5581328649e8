import type { SseEvent } from "../types"

export interface SseParserOptions {
  /**
   * Events to take out of the stream: they are not returned, and with `keepText` their
   * source text is not in `takeText()` either.
   */
  drop?: (event: SseEvent) => boolean
  /**
   * Collect the source text of everything parsed except dropped events, block by block (up
   * to each blank line), for `takeText()`: a filtered stream re-emitted byte for byte
   * without encoding events again.
   */
  keepText?: boolean
}

/**
 * Incremental server-sent-events parser (WHATWG rules): accepts bytes in any split,
 * LF, CRLF and CR line ends, `data:` with or without a space, multi-line data,
 * comments and `event`/`id`/`retry` fields. Events with no data lines are skipped.
 */
export class SseParser {
  private readonly decoder = new TextDecoder()
  private readonly drop: ((event: SseEvent) => boolean) | undefined
  private readonly keepText: boolean
  /** Source text of the block being read (from before the current chunk). */
  private blockText = ""
  /** Kept source text of complete blocks, not yet taken. */
  private kept = ""
  private buffer = ""
  private skipLeadingLf = false
  private droppedCount = 0
  /** The last byte pushed was ASCII, so the decoder holds nothing back for the next chunk. */
  private decoderEmpty = true
  private dataLines: string[] = []
  private eventName: string | undefined
  private lastId: string | undefined
  private retry: number | undefined

  constructor(options: SseParserOptions = {}) {
    this.drop = options.drop
    this.keepText = options.keepText === true
  }

  /**
   * With `keepText`: whether the last chunk pushed was kept whole, byte for byte: it began and
   * ended on a block boundary (ending in LF, so no character or CRLF was split) and nothing in it
   * was dropped. The caller may then send the chunk's own bytes instead of `takeText()`.
   */
  lastChunkKeptWhole = false

  /** With `keepText`: the kept source text of the blocks completed since the last call. */
  takeText(): string {
    const text = this.kept
    this.kept = ""
    return text
  }

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true })
    if (!this.keepText) return this.consume(text)
    const alignedStart = this.blockText === "" && this.buffer === "" && !this.skipLeadingLf
    const dropped = this.droppedCount
    const events = this.consume(text)
    // On the bytes: nothing of an earlier chunk may wait in the decoder (it would come out before
    // this chunk's text, as U+FFFD for a broken character), the first byte must be ASCII (not a
    // character's continuation, nor the BOM the decoder drops), the last must be LF (no
    // character waiting in the decoder).
    const bytes = typeof chunk !== "string" && chunk.length > 0
    const wholeBytes = bytes && this.decoderEmpty && chunk[0]! < 0x80 && chunk[chunk.length - 1] === 10
    if (bytes) this.decoderEmpty = chunk[chunk.length - 1]! < 0x80
    this.lastChunkKeptWhole = wholeBytes && alignedStart && dropped === this.droppedCount && this.blockText === ""
    return events
  }

  /** Flushes the end of the stream; an unterminated final event is dispatched. */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode())
    if (this.buffer.length > 0) {
      this.processLine(this.buffer)
      this.buffer = ""
    }
    const last = this.dispatch()
    const dropped = last !== undefined && this.drop !== undefined && this.drop(last)
    if (last && !dropped) events.push(last)
    if (this.keepText) {
      if (!dropped) this.kept += this.blockText
      this.blockText = ""
    }
    return events
  }

  private consume(text: string): SseEvent[] {
    const events: SseEvent[] = []
    let start = 0
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === 10) start = 1
      this.skipLeadingLf = false
    }
    // Line ends are found with indexOf (native) rather than a loop over every character;
    // CR is rare, so its position is looked up again only after one has been passed.
    let pending = this.buffer
    const filtering = this.drop !== undefined || this.keepText
    let blockStart = 0
    // The LF of a CRLF split across chunks ends the previous block's last line.
    if (start === 1 && this.keepText && this.blockText === "") {
      this.kept += "\n"
      blockStart = 1
    }
    let nextLf = text.indexOf("\n", start)
    let nextCr = text.indexOf("\r", start)
    while (nextLf !== -1 || nextCr !== -1) {
      let end: number
      let next: number
      if (nextCr === -1 || (nextLf !== -1 && nextLf < nextCr)) {
        end = nextLf
        next = end + 1
      } else {
        end = nextCr
        next = end + 1
        if (next < text.length) {
          if (text.charCodeAt(next) === 10) next++
        } else {
          this.skipLeadingLf = true
        }
      }
      // The first line is prefixed with what was buffered.
      const line = pending.length > 0 ? pending + text.slice(start, end) : text.slice(start, end)
      pending = ""
      start = next
      const event = this.processLine(line)
      if (filtering && line.length === 0) {
        // A blank line ends a block (an event, or comments only): keep or drop its text whole.
        const dropped = event !== undefined && this.drop !== undefined && this.drop(event)
        if (dropped) this.droppedCount++
        if (this.keepText) {
          if (!dropped) this.kept += this.blockText + text.slice(blockStart, start)
          this.blockText = ""
          blockStart = start
        }
        if (event && !dropped) events.push(event)
      } else if (event) events.push(event)
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf("\n", start)
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start)
    }
    this.buffer = pending + text.slice(start)
    if (this.keepText) this.blockText += text.slice(blockStart)
    return events
  }

  /** Handles one complete line; returns an event when the line is blank and one is due. */
  private processLine(line: string): SseEvent | undefined {
    if (line.length === 0) return this.dispatch()
    const first = line.charCodeAt(0)
    if (first === 58) return undefined // ":" comment
    // Fast paths for the two fields nearly every line has, without slicing out the field name.
    if (first === 100 && line.startsWith("data:")) {
      this.dataLines.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5))
      return undefined
    }
    if (first === 101 && line.startsWith("event:")) {
      this.eventName = line.charCodeAt(6) === 32 ? line.slice(7) : line.slice(6)
      return undefined
    }
    const colon = line.indexOf(":")
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? "" : line.slice(colon + 1)
    if (value.charCodeAt(0) === 32) value = value.slice(1)
    switch (field) {
      case "data":
        this.dataLines.push(value)
        break
      case "event":
        this.eventName = value
        break
      case "id":
        if (!value.includes("\0")) this.lastId = value
        break
      case "retry":
        if (/^\d+$/.test(value)) this.retry = Number(value)
        break
      default:
        break
    }
    return undefined
  }

  private dispatch(): SseEvent | undefined {
    if (this.dataLines.length === 0) {
      this.eventName = undefined
      return undefined
    }
    const event: SseEvent = { data: this.dataLines.join("\n") }
    if (this.eventName) event.event = this.eventName
    if (this.lastId !== undefined) event.id = this.lastId
    if (this.retry !== undefined) event.retry = this.retry
    this.dataLines = []
    this.eventName = undefined
    this.retry = undefined
    return event
  }
}

/** Parses a whole SSE document (tests, buffered upstream bodies). */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser()
  return [...parser.push(text), ...parser.end()]
}
