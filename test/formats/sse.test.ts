import { describe, expect, test } from "bun:test"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { SseParser, parseSse } from "~/formats/sse/parse"
import { encodeSseEvent } from "~/formats/sse/encode"
import { randomSplit } from "../helpers/random-split"

const RECORDED = join(import.meta.dir, "../fixtures/upstream/recorded")

function parseInPieces(pieces: Uint8Array[]) {
  const parser = new SseParser()
  const events = pieces.flatMap((piece) => parser.push(piece))
  return [...events, ...parser.end()]
}

describe("SseParser", () => {
  test("LF, CRLF and CR line ends give the same events", () => {
    const lf = "event: a\ndata: 1\n\ndata:2\ndata: 3\n\n"
    const expected = [{ event: "a", data: "1" }, { data: "2\n3" }]
    expect(parseSse(lf)).toEqual(expected)
    expect(parseSse(lf.replaceAll("\n", "\r\n"))).toEqual(expected)
    expect(parseSse(lf.replaceAll("\n", "\r"))).toEqual(expected)
  })

  test("a CRLF split across chunks is one line end", () => {
    const parser = new SseParser()
    const events = [...parser.push("data: x\r"), ...parser.push("\n\r"), ...parser.push("\ndata: y\r\n\r\n")]
    expect(events).toEqual([{ data: "x" }, { data: "y" }])
  })

  test("a UTF-8 character split across chunks survives", () => {
    const bytes = new TextEncoder().encode("data: héllo 👋\n\n")
    const pieces = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1))
    expect(parseInPieces(pieces)).toEqual([{ data: "héllo 👋" }])
  })

  test("comments, unknown fields, id and retry", () => {
    expect(parseSse(": keep-alive\nfoo: bar\nid: 7\nretry: 1500\ndata: ok\n\n")).toEqual([{ data: "ok", id: "7", retry: 1500 }])
  })

  test("events without data are skipped; a final unterminated event is flushed at end", () => {
    expect(parseSse("event: ping\n\ndata: last")).toEqual([{ data: "last" }])
  })

  test("long lines", () => {
    const long = "x".repeat(1_000_000)
    expect(parseSse(`data: ${long}\n\n`)[0]!.data.length).toBe(1_000_000)
  })

  const streams = readdirSync(RECORDED).filter((name) => name.endsWith(".sse"))
  test.each(streams)("recorded %s parses identically in random splits", (name) => {
    const bytes = readFileSync(join(RECORDED, name))
    const whole = parseSse(bytes.toString("utf8"))
    expect(whole.length).toBeGreaterThan(0)
    for (const seed of [1, 2, 3]) expect(parseInPieces(randomSplit(bytes, seed, 17))).toEqual(whole)
  })
})

describe("encodeSseEvent", () => {
  test("writes event, id and multi-line data", () => {
    expect(encodeSseEvent({ event: "message_stop", data: '{"a":1}' })).toBe('event: message_stop\ndata: {"a":1}\n\n')
    expect(encodeSseEvent({ data: "a\nb", id: "1" })).toBe("id: 1\ndata: a\ndata: b\n\n")
  })

  test("refuses CR or LF in event and id", () => {
    expect(() => encodeSseEvent({ event: "a\nb", data: "x" })).toThrow()
    expect(() => encodeSseEvent({ id: "a\rb", data: "x" })).toThrow()
  })

  test("round-trips through the parser", () => {
    const event = { event: "e", data: "line1\nline2" }
    expect(parseSse(encodeSseEvent(event))).toEqual([event])
  })
})

describe("SseParser with keepText: whole chunks", () => {
  const encoder = new TextEncoder()
  const dropCodex = (event: { event?: string }) => event.event?.startsWith("codex.") === true
  const a = 'event: response.output_text.delta\ndata: {"delta":"caf\u00e9 \u{1F600}"}\n\n'
  const b = ": keep-alive\n\nevent: response.completed\ndata: {}\n\n"
  const codex = "event: codex.rate_limits\ndata: {}\n\n"

  test("a chunk of whole blocks with nothing dropped is kept whole; a split, a drop or a cut character is not", () => {
    const parser = new SseParser({ drop: dropCodex, keepText: true })
    const whole = (chunk: Uint8Array) => (parser.push(chunk), parser.takeText(), parser.lastChunkKeptWhole)
    expect(whole(encoder.encode(a + b))).toBe(true)
    expect(whole(encoder.encode(codex + a))).toBe(false)
    const bytes = encoder.encode(a)
    const inEmoji = bytes.length - 6 // inside the four bytes of the emoji
    expect(whole(bytes.subarray(0, inEmoji))).toBe(false)
    expect(whole(bytes.subarray(inEmoji))).toBe(false)
    expect(whole(encoder.encode(b))).toBe(true)
    expect(whole(encoder.encode("event: x\r\ndata: 1\r\n\r"))).toBe(false)
    expect(whole(encoder.encode("\nevent: y\ndata: 2\n\n"))).toBe(false)
    expect(whole(encoder.encode(b))).toBe(true)
  })

  test("bytes the decoder did not turn into the text as they are (a BOM, a broken character before the chunk) are not kept whole", () => {
    // What the client gets (whole chunks as bytes, else the kept text) must be what the parser read.
    const sent = (chunks: Uint8Array[]) => {
      const parser = new SseParser({ drop: dropCodex, keepText: true })
      const out: Uint8Array[] = []
      const texts: string[] = []
      for (const chunk of chunks) {
        parser.push(chunk)
        const text = parser.takeText()
        texts.push(text)
        out.push(parser.lastChunkKeptWhole ? chunk : encoder.encode(text))
      }
      parser.end()
      texts.push(parser.takeText())
      return { bytes: Buffer.concat(out), expected: Buffer.from(encoder.encode(texts.join(""))) }
    }
    const bom = sent([Uint8Array.of(0xef, 0xbb, 0xbf, ...encoder.encode(a)), encoder.encode(b)])
    expect(bom.bytes).toEqual(bom.expected)
    // A lead byte with nothing after it ends the first chunk: the decoder prefixes the next one with U+FFFD,
    // so the parser sees "\uFFFDevent: codex.rate_limits" (no event name) and drops nothing.
    const broken = sent([Uint8Array.of(...encoder.encode(a), 0xe2), encoder.encode(codex), encoder.encode(b)])
    expect(broken.bytes).toEqual(broken.expected)
    expect(parseSse(broken.bytes.toString("utf8")).some((event) => event.event === "codex.rate_limits")).toBe(false)
  })

  test("sending a whole chunk's own bytes, else the kept text, gives the filtered stream byte for byte in any split", () => {
    const source = encoder.encode(codex + a + b + codex + a + b)
    const expected = a + b + a + b
    const byBlock = [codex, a, b, codex, a + b].map((piece) => encoder.encode(piece))
    let wholeChunks = 0
    for (let seed = 0; seed <= 40; seed++) {
      const parser = new SseParser({ drop: dropCodex, keepText: true })
      const out: Uint8Array[] = []
      for (const piece of seed === 0 ? byBlock : seed === 1 ? [source] : randomSplit(source, seed, 24)) {
        parser.push(piece)
        const text = parser.takeText()
        if (parser.lastChunkKeptWhole) wholeChunks++
        out.push(parser.lastChunkKeptWhole ? piece : encoder.encode(text))
      }
      parser.end()
      out.push(encoder.encode(parser.takeText()))
      expect(Buffer.concat(out).toString("utf8")).toBe(expected)
    }
    expect(wholeChunks).toBeGreaterThanOrEqual(3)
  })
})
