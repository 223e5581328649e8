import type { AnyElysia } from "elysia"
import type { PluginContext } from "ccproxy/plugin"
import { analyticsReport } from "./analytics-query"
import type { AnalyticsConfig } from "./config"
import { parseFilter, rowMatches } from "./filters"
import { queryLogs } from "./query-logs"
import { stateOf } from "./state"

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" }

/** One value per name: repeated parameters keep the last, as a form would. */
const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams) as Record<string, string | undefined>

/** GET /logs/query, GET /logs/analytics, GET /logs/stream, POST /logs/reset. */
export function buildLogRoutes(app: AnyElysia, context: PluginContext<AnalyticsConfig>): AnyElysia {
  const state = () => stateOf(context.config)
  return app
    .get("/query", ({ request }) => queryLogs(state().sql, queryOf(request)), { detail: { summary: "Recorded requests, filtered and paged" } })
    .get("/analytics", ({ request }) => analyticsReport(state().sql, queryOf(request)), { detail: { summary: "Totals and breakdowns by provider, model and hour" } })
    .get(
      "/stream",
      ({ request }) => {
        const filter = parseFilter(queryOf(request))
        return new Response(state().feed.open((row) => rowMatches(filter, row), request.signal), { headers: SSE_HEADERS })
      },
      { detail: { summary: "Server-Sent Events of requests as they are recorded" } },
    )
    .post(
      "/reset",
      async () => {
        const { sql, writer } = state()
        writer.discardPending()
        const deleted = await sql.deleteWhere("1")
        return { status: "success", message: "All logs data has been reset", deleted, timestamp: new Date().toISOString(), backend: "sqlite" }
      },
      { detail: { summary: "Delete every recorded request" } },
    )
}
