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
