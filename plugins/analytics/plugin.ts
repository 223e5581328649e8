import { defineSystemPlugin, HookEvent, HookPriority, pathPrefixMatcher, type HookContext } from "ccproxy/plugin"
import type { Logger } from "~/core/log"
import { AnalyticsWorker } from "./analytics-worker"
import { BatchWriter } from "./batch-writer"
import { analyticsConfig, type AnalyticsConfig } from "./config"
import { analyticsDatabasePath } from "./database"
import { LiveFeed } from "./live-feed"
import { publicRow } from "./public-row"
import { deleteExpiredRows } from "./retention"
import { buildLogRoutes } from "./routes"
import { rowFromEvent, type PricingService } from "./row"
import { stateByInstance } from "./state"

async function applyRetention(config: AnalyticsConfig, logger: Logger): Promise<void> {
  const state = stateByInstance.get(config)
  const deleted = state ? await deleteExpiredRows(state.sql, config.retention_days).catch((error: unknown) => (logger.warn("analytics retention failed", error), 0)) : 0
  if (deleted) logger.info(`deleted ${deleted} analytics rows older than ${config.retention_days} days`)
}

/** Provider requests always (they carry a provider); others only with `record_all`. */
function recordsOf(config: AnalyticsConfig): (event: HookContext) => boolean {
  const excluded = pathPrefixMatcher(config.exclude_paths)
  return (event) => !excluded(event.data.path) && (Boolean(event.data.provider ?? event.provider) || config.record_all)
}

/** One SQLite row per request, written in batches off the request path, with query and live routes. */
export const factory = defineSystemPlugin({
  name: "analytics",
  version: "1.0.0",
  description: "Request analytics in SQLite: /logs/query, /logs/analytics, /logs/stream, and `ccproxy usage`",
  config: analyticsConfig,
  optionalRequires: ["pricing"],
  enabledByDefault: true,
  routes: [{ prefix: "/logs", tags: ["analytics"], build: buildLogRoutes }],
  hooks: [
    {
      name: "analytics.record",
      events: [HookEvent.REQUEST_COMPLETED, HookEvent.REQUEST_FAILED],
      priority: HookPriority.OBSERVATION + 40,
      create: (context) => {
        const shouldRecord = recordsOf(context.config)
        return (event) => {
          const state = stateByInstance.get(context.config)
          if (!state || !shouldRecord(event)) return
          const row = rowFromEvent(event, context.services.get<PricingService>("pricing"))
          state.writer.add(row)
          if (state.feed.size > 0) state.feed.publish(publicRow(row))
        }
      },
    },
  ],
  tasks: [
    {
      name: "retention",
      intervalSeconds: 3600,
      // The first pass runs when the database is first opened (see setup), not at start: until
      // then nothing is recorded, and opening it at start would cost every start-up SQLite.
      runOnStart: false,
      // Until something has been recorded or reported the database stays closed (its old rows go at that first open).
      run: (context) => (stateByInstance.get(context.config)?.sql.started ? applyRetention(context.config, context.logger) : undefined),
    },
  ],
  setup(context) {
    const config = context.config
    const path = analyticsDatabasePath(config.database_path)
    // The worker opens (creates, migrates) the database at the first row or report; a database it
    // cannot open is reported then, by every write and query and in the health details.
    const sql = new AnalyticsWorker(path, { onStart: () => setImmediate(() => void applyRetention(config, context.logger)) })
    const writer = new BatchWriter(sql, { batchSize: config.batch_size, flushIntervalSeconds: config.flush_interval, maxPending: config.max_pending }, context.logger)
    const feed = new LiveFeed(config.stream_keepalive)
    stateByInstance.set(config, { path, sql, writer, feed })
    context.logger.debug(`recording requests in ${path}`)
    return {
      async shutdown() {
        feed.closeAll()
        stateByInstance.delete(config)
        await writer.close()
        await sql.close()
      },
      healthCheck: () => ({
        status: writer.lastError ? "unhealthy" : "healthy",
        details: {
          database: path,
          worker_started: sql.started,
          written: writer.written,
          pending: writer.pendingCount,
          dropped: writer.dropped,
          ...(writer.lastError && { error: writer.lastError }),
          stream_clients: feed.size,
          pricing: context.services.has("pricing"),
        },
      }),
    }
  },
})
