import { afterEach, expect, test } from "bun:test"
import { parseSse } from "~/formats/sse/parse"
import { randomSplit } from "../helpers/random-split"
import { recorded, startCodexHarness } from "../plugins/codex/harness"

// Found with the real Claude Code (scripts/e2e/real-clients.ts): an upstream that delivers events
// in small pieces, with pauses, made a converted stream stall for good after the first chunk
// that completed no client event (Bun's response sink never pulls again after an empty pull).

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The SSE text in seeded random pieces of at most 48 bytes, each after a pause. */
function trickled(text: string, seed: number): Response {
  const pieces = randomSplit(new TextEncoder().encode(text), seed, 48)
  let next = 0
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await Bun.sleep(0)
      if (next < pieces.length) controller.enqueue(pieces[next++]!)
      else controller.close()
    },
  })
  return new Response(body, { headers: { "content-type": "text/event-stream" } })
}

/** The client's events, or a timeout error if the stream stalls. */
async function readEvents(response: Response): Promise<Array<Record<string, any>>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("stream stalled")), 5_000)))
  const text = await Promise.race([response.text(), stalled]).finally(() => clearTimeout(timer))
  return parseSse(text).flatMap((event) => (event.data === "[DONE]" ? [] : [JSON.parse(event.data) as Record<string, any>]))
}

test("Responses → Anthropic stream from a trickling upstream reaches message_stop", async () => {
  const harness = await startCodexHarness(() => trickled(recorded("ccproxy-api.codex_responses_thinking_stream.response.sse"), 7))
  cleanups.push(harness.stop)
  const response = await fetch(`${harness.url}/codex/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-5", max_tokens: 100, stream: true, messages: [{ role: "user", content: "factorial of 5" }] }),
  })
  const events = await readEvents(response)
  expect(events.at(-1)?.type).toBe("message_stop")
  const thinking = events.filter((event) => event.delta?.type === "thinking_delta").map((event) => event.delta.thinking).join("")
  expect(thinking).toContain("Calculating factorials")
})
