import { expect, test } from "bun:test"
import { convertSse, identityStreamConverter, passthroughSse, type StreamObserver, type StreamOutcome } from "~/providers/sse-streams"

const encoder = new TextEncoder()

function upstreamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(text))
      controller.close()
    },
  })
}

test("a stream whose last step throws still reports its end, exactly once (the request hooks wait for it)", async () => {
  // The final event has no blank line after it, so it is parsed at the end of the stream.
  const upstream = () => upstreamOf('event: message_start\ndata: {"type":"message_start"}\n\nevent: message_stop\ndata: {"type":"message_stop"}')
  for (const build of [
    (observer: StreamObserver) => passthroughSse(upstream(), "anthropic.messages", { idleTimeoutMs: 5000, observer }),
    (observer: StreamObserver) => convertSse(upstream(), identityStreamConverter("anthropic.messages"), { idleTimeoutMs: 5000, observer, upstreamFormat: "anthropic.messages", clientFormat: "anthropic.messages" }),
  ]) {
    const outcomes: StreamOutcome[] = []
    const observer: StreamObserver = {
      onEvent: (event) => {
        if (event.event === "message_stop") throw new Error("observer bug")
      },
      onEnd: (outcome) => void outcomes.push(outcome),
    }
    await new Response(build(observer)).text().catch(() => "")
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatchObject({ ok: false, cancelled: false })
  }
})
