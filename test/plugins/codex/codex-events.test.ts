import { expect, test } from "bun:test"
import { withoutCodexEvents } from "../../../plugins/codex/codex-events"
import { rateLimitsFromEvent, rateLimitsFromHeaders } from "../../../plugins/codex/rate-limits"
import { randomSplit } from "../../helpers/random-split"

const RATE_LIMITS = {
  type: "codex.rate_limits",
  plan_type: "plus",
  rate_limits: { allowed: true, limit_reached: false, primary: { used_percent: 7, window_minutes: 300, reset_after_seconds: 13168, reset_at: 1779398785 }, secondary: { used_percent: 29, window_minutes: 10080 } },
  code_review_rate_limits: null,
}
const created = 'event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1"},"sequence_number":0}\n\n'
const delta = 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"say \\"type\\":\\"codex.x\\"","sequence_number":1}\n\n'
const stream = [
  `event: codex.rate_limits\ndata: ${JSON.stringify(RATE_LIMITS)}\n\n`,
  created,
  'data: {"type":"codex.response.metadata","headers":{"x-codex-safety-buffering-enabled":"true"}}\n\n',
  delta,
].join("")

async function filtered(pieces: (string | Uint8Array)[]) {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece)
      controller.close()
    },
  })
  const seen: Record<string, unknown>[] = []
  const text = await new Response(withoutCodexEvents(body, (event) => seen.push(event))).text()
  return { text, seen }
}

test("codex.* events are taken out, by event name or JSON type; every other event is kept byte for byte", async () => {
  const { text, seen } = await filtered([stream])
  expect(text).toBe(created + delta)
  expect(seen.map((event) => event.type)).toEqual(["codex.rate_limits", "codex.response.metadata"])
})

test("the same result however the bytes are split", async () => {
  const bytes = new TextEncoder().encode(stream)
  for (let seed = 1; seed <= 25; seed++) expect((await filtered(randomSplit(bytes, seed, 16))).text).toBe(created + delta)
})

test("a stream without a final blank line still ends with its last event", async () => {
  expect((await filtered([created, 'data: {"type":"response.completed"}'])).text).toBe(`${created}data: {"type":"response.completed"}`)
})

test("rate limits from the event and from the response headers", () => {
  expect(rateLimitsFromEvent(RATE_LIMITS)).toMatchObject({
    source: "event",
    plan_type: "plus",
    limit_reached: false,
    primary: { used_percent: 7, window_minutes: 300, reset_after_seconds: 13168, reset_at: 1779398785 },
    secondary: { used_percent: 29, window_minutes: 10080 },
  })
  const headers = new Headers({ "x-codex-primary-used-percent": "12.5", "x-codex-primary-window-minutes": "300", "x-codex-secondary-used-percent": "40", "x-codex-secondary-reset-after-seconds": "600" })
  expect(rateLimitsFromHeaders(headers)).toMatchObject({ source: "headers", primary: { used_percent: 12.5, window_minutes: 300 }, secondary: { used_percent: 40, reset_after_seconds: 600 } })
  expect(rateLimitsFromHeaders(new Headers())).toBeUndefined()
})
