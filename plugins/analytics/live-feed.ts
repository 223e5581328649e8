import { encodeSseEvent, jsonEvent } from "~/formats/sse/encode"
import type { PublicRow } from "./public-row"

interface Subscriber {
  controller: ReadableStreamDefaultController<Uint8Array>
  matches: (row: PublicRow) => boolean
  keepAlive: ReturnType<typeof setInterval>
}

/** Events a subscriber may have unread before it is dropped as too slow. */
const MAX_UNREAD = 1000

const encoder = new TextEncoder()

/**
 * Live request rows as Server-Sent Events. Each subscriber has its own keep-alive timer; a
 * subscriber is forgotten (timer cleared) when its client goes away, when it falls too far
 * behind, or at `closeAll`, so nothing outlives a disconnect.
 */
export class LiveFeed {
  private readonly subscribers = new Set<Subscriber>()

  constructor(private readonly keepAliveSeconds: number) {}

  get size(): number {
    return this.subscribers.size
  }

  open(matches: (row: PublicRow) => boolean, signal?: AbortSignal): ReadableStream<Uint8Array> {
    let subscriber: Subscriber | undefined
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const keepAlive = setInterval(() => this.send(subscriber!, ": keep-alive\n\n"), this.keepAliveSeconds * 1000)
        keepAlive.unref?.()
        subscriber = { controller, matches, keepAlive }
        this.subscribers.add(subscriber)
        controller.enqueue(encoder.encode(": connected\n\n"))
      },
      cancel: () => this.drop(subscriber!),
    })
    signal?.addEventListener("abort", () => this.drop(subscriber!, true), { once: true })
    return stream
  }

  publish(row: PublicRow): void {
    if (this.subscribers.size === 0) return
    const text = encodeSseEvent(jsonEvent(row, "request"))
    for (const subscriber of this.subscribers) if (subscriber.matches(row)) this.send(subscriber, text)
  }

  closeAll(): void {
    for (const subscriber of this.subscribers) this.drop(subscriber, true)
  }

  private send(subscriber: Subscriber, text: string): void {
    if ((subscriber.controller.desiredSize ?? 0) < -MAX_UNREAD) return this.drop(subscriber, true)
    try {
      subscriber.controller.enqueue(encoder.encode(text))
    } catch {
      this.drop(subscriber)
    }
  }

  private drop(subscriber: Subscriber, close = false): void {
    if (!this.subscribers.delete(subscriber)) return
    clearInterval(subscriber.keepAlive)
    if (!close) return
    try {
      subscriber.controller.close()
    } catch {}
  }
}
