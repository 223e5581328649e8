import { encodeSseEvent } from "~/formats/sse/encode"
import { SseParser } from "~/formats/sse/parse"
import type { ShutdownSignal } from "~/core/shutdown"
import type { FormatId, SseEvent, StreamConverter } from "~/formats/types"
import { isTerminalEvent, SameFormatStreamEnd, streamErrorText } from "./stream-end"

export interface StreamOutcome {
  ok: boolean
  error?: string
  /** Upstream bytes and chunks read. */
  bytes: number
  chunks: number
  /** Bytes handed to the client. */
  sent: number
  /** The client went away before the end. */
  cancelled: boolean
}

export interface StreamObserver {
  /** Every upstream event, as parsed on the side. */
  onEvent?(event: SseEvent): void
  onChunk?(chunkNumber: number, size: number): void
  onEnd(outcome: StreamOutcome): void
}

const encoder = new TextEncoder()

class IdleTimeout extends Error {}

/**
 * Reads with the stream's idle timeout, one timer for the whole stream instead of a timer and
 * a Promise.race per chunk: the timer, when it fires, looks at how long the pending read has
 * waited and re-arms for the rest. A read that waited `ms` is ended by cancelling the reader
 * (which settles it as done) and throws IdleTimeout. Time between reads (the client being
 * slow to take the bytes) does not count, as before.
 */
interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>
  cancel(reason?: unknown): Promise<void>
}

function idleReader(reader: StreamReader, ms: number) {
  let waitingSince = -1
  let expired: IdleTimeout | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const check = () => {
    timer = undefined
    if (waitingSince < 0) return // no read pending: the next read arms the timer again
    const waited = performance.now() - waitingSince
    if (waited < ms) {
      timer = setTimeout(check, ms - waited)
      return
    }
    expired = new IdleTimeout(`upstream sent nothing for ${Math.round(ms / 1000)} s`)
    void reader.cancel(expired.message).catch(() => {})
  }
  return {
    async read(): Promise<{ done: boolean; value?: Uint8Array }> {
      if (expired) throw expired
      waitingSince = performance.now()
      timer ??= setTimeout(check, ms)
      try {
        const result = await reader.read()
        if (expired) throw expired
        return result
      } catch (error) {
        throw expired ?? error
      } finally {
        waitingSince = -1
      }
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}

interface PumpHandlers {
  /** Bytes to send for one upstream chunk. */
  chunk(value: Uint8Array, events: SseEvent[]): Uint8Array | string | undefined
  /** Text to send when upstream ended (`error` set when it failed); returns whether the stream was complete. */
  finish(events: SseEvent[], error: string | undefined): { text: string; complete: boolean }
}

/** The shared pull loop: idle timeout, side parsing, cancel propagation, exactly one onEnd. */
function pump(upstream: ReadableStream<Uint8Array>, idleTimeoutMs: number, observer: StreamObserver, handlers: PumpHandlers, parser: SseParser, shutdown?: ShutdownSignal): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  const idle = idleReader(reader, idleTimeoutMs)
  let bytes = 0
  let chunks = 0
  let sent = 0
  let ended = false
  // At the shutdown deadline the upstream read is cancelled (a pending read settles as done)
  // and the stream ends the way a failed one does: the client's error event, then close.
  let stoppedBy: string | undefined
  const unsubscribe = shutdown?.onDeadline((reason) => {
    stoppedBy = reason
    void reader.cancel(reason).catch(() => {})
  })
  const end = (outcome: Pick<StreamOutcome, "ok" | "error">, cancelled = false) => {
    if (ended) return
    ended = true
    unsubscribe?.()
    observer.onEnd({ ...outcome, bytes, chunks, sent, cancelled })
  }
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, out: Uint8Array | string) => {
    const data = typeof out === "string" ? encoder.encode(out) : out
    sent += data.byteLength
    controller.enqueue(data)
  }
  const observe = (events: SseEvent[]) => {
    if (observer.onEvent) for (const event of events) observer.onEvent(event)
    return events
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let failure: string | undefined
      try {
        // Read until there is something to send: a pull that enqueues nothing is never called
        // again by Bun's response sink, so a chunk holding only part of an event (or events the
        // converter drops) would stall the stream for good.
        for (;;) {
          const { done, value } = await idle.read()
          if (stoppedBy !== undefined || done || !value) break
          bytes += value.byteLength
          chunks++
          observer.onChunk?.(chunks, value.byteLength)
          const out = handlers.chunk(value, observe(parser.push(value)))
          if (out === undefined || out.length === 0) continue
          send(controller, out)
          return
        }
      } catch (error) {
        failure = error instanceof IdleTimeout ? error.message : `upstream stream failed: ${(error as Error)?.message ?? error}`
        void reader.cancel(failure).catch(() => {})
      }
      failure ??= stoppedBy
      idle.stop()
      try {
        const { text, complete } = handlers.finish(observe(parser.end()), failure)
        if (text) send(controller, text)
        controller.close()
        end(complete ? { ok: true } : { ok: false, error: failure ?? "upstream stream ended before its final event" })
      } catch (error) {
        // The request hooks learn of the end only from here (no wrapper watches this body).
        end({ ok: false, error: `stream could not be finished: ${(error as Error)?.message ?? error}` })
        throw error
      }
    },
    async cancel(reason) {
      idle.stop()
      end({ ok: false, error: "client disconnected" }, true)
      await reader.cancel(reason).catch(() => {})
    },
  })
}

/** Upstream events to take out of the stream (vendor-only events), seen once by the one parser. */
export type DropEvent = (event: SseEvent) => boolean

/**
 * Upstream bytes to the client unchanged, parsed on the side for hooks and usage. A stream
 * that breaks or ends without its final event gets an error event appended in `format`, and a
 * Responses failure the openai SDK would not throw on gets an `error` event after it.
 * With `drop`, the dropped events' text is cut out of the bytes in the same parse (the
 * client then gets whole event blocks) and hooks, usage and the end check never see them.
 */
export function passthroughSse(upstream: ReadableStream<Uint8Array>, format: FormatId, options: { idleTimeoutMs: number; observer: StreamObserver; drop?: DropEvent; shutdown?: ShutdownSignal }) {
  const parser = options.drop ? new SseParser({ drop: options.drop, keepText: true }) : new SseParser()
  const filtering = options.drop !== undefined
  const streamEnd = new SameFormatStreamEnd(format)
  const track = (events: SseEvent[]) => {
    for (const event of events) streamEnd.see(event)
  }
  return pump(upstream, options.idleTimeoutMs, options.observer, {
    chunk(value, events) {
      track(events)
      if (!filtering) return value
      const text = parser.takeText()
      // Nothing cut from a chunk made of whole blocks: its own bytes, not the text encoded again.
      return parser.lastChunkKeptWhole ? value : text
    },
    finish(events, error) {
      track(events)
      const rest = filtering ? parser.takeText() : ""
      return { text: rest + streamEnd.closing(error).map(encodeSseEvent).join(""), complete: streamEnd.terminal }
    },
  }, parser, options.shutdown)
}

/**
 * Upstream events through a format converter, re-encoded for the client. `rewrite` may adjust
 * each encoded event (model alias restore). The converter's `end` decides what a cut stream
 * looks like to the client.
 */
export function convertSse(
  upstream: ReadableStream<Uint8Array>,
  converter: StreamConverter,
  options: { idleTimeoutMs: number; observer: StreamObserver; upstreamFormat: FormatId; clientFormat: FormatId; rewrite?: (text: string) => string; drop?: DropEvent; shutdown?: ShutdownSignal },
) {
  let terminal = false
  const encodeAll = (events: SseEvent[]) => {
    let text = ""
    for (const event of events) text += encodeSseEvent(event)
    return options.rewrite && text ? options.rewrite(text) : text
  }
  const safely = (produce: () => SseEvent[]): string => {
    try {
      return encodeAll(produce())
    } catch (error) {
      terminal = false
      return streamErrorText(options.clientFormat, `ccproxy could not convert the upstream stream: ${(error as Error).message}`)
    }
  }
  return pump(upstream, options.idleTimeoutMs, options.observer, {
    chunk(_value, events) {
      let text = ""
      for (const event of events) {
        if (isTerminalEvent(options.upstreamFormat, event)) terminal = true
        text += safely(() => converter.push(event))
      }
      return text
    },
    finish(events, error) {
      let text = ""
      for (const event of events) {
        if (isTerminalEvent(options.upstreamFormat, event)) terminal = true
        text += safely(() => converter.push(event))
      }
      text += safely(() => converter.end(error))
      return { text, complete: terminal && !error }
    },
  }, new SseParser({ drop: options.drop }), options.shutdown)
}

/**
 * A converter that changes nothing but still reports a cut stream, for same-format routes
 * that must re-encode events (to restore a mapped model name).
 */
export function identityStreamConverter(format: FormatId): StreamConverter {
  const streamEnd = new SameFormatStreamEnd(format)
  return {
    push(event) {
      streamEnd.see(event)
      return [event]
    },
    end: (reason) => streamEnd.closing(reason),
  }
}
