/**
 * Fired when the server's shutdown_timeout runs out with responses still in flight, just
 * before their connections are closed: a stream can then end with an error event its client
 * understands ("ccproxy is shutting down") rather than a cut connection, and its bookkeeping
 * says why it ended rather than "client disconnected".
 */
export class ShutdownSignal {
  private readonly listeners = new Set<(reason: string) => void>()
  reason: string | undefined

  /** Calls `listener` once if the deadline is reached; returns the unsubscribe. */
  onDeadline(listener: (reason: string) => void): () => void {
    if (this.reason !== undefined) {
      listener(this.reason)
      return () => {}
    }
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Tells every open stream to end now; returns how many were listening. */
  fire(reason: string): number {
    this.reason ??= reason
    const listeners = [...this.listeners]
    this.listeners.clear()
    for (const listener of listeners) listener(reason)
    return listeners.length
  }
}
