import { UnavailableError } from "ccproxy/plugin"
import type { AnalyticsWorker } from "./analytics-worker"
import type { BatchWriter } from "./batch-writer"
import type { AnalyticsConfig } from "./config"
import type { LiveFeed } from "./live-feed"

export interface AnalyticsState {
  path: string
  /** Runs reports, resets and retention deletes on its own connection, off the event loop. */
  sql: AnalyticsWorker
  writer: BatchWriter
  feed: LiveFeed
}

/** Per running instance (keyed by its config object), so several servers can share a process. */
export const stateByInstance = new WeakMap<AnalyticsConfig, AnalyticsState>()

export function stateOf(config: AnalyticsConfig): AnalyticsState {
  const state = stateByInstance.get(config)
  if (!state) throw new UnavailableError("analytics is not running")
  return state
}
