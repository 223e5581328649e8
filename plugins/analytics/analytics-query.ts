import { InvalidRequestError } from "ccproxy/plugin"
import type { SqlRunner } from "./analytics-worker"
import { filterSql, parseFilter } from "./filters"
import { groupStats, type GroupStats } from "./group-stats"

type Query = Record<string, string | undefined>

const HOUR_MS = 3_600_000
const MAX_HOURS = 24 * 366
const PROVIDER_KEY = "COALESCE(provider, '(none)')"
/** Grouped by the model sent upstream (the one that ran and is priced), else the one asked for. */
const MODEL_KEY = "COALESCE(upstream_model, model, '(unknown)')"
const HOUR_KEY = `(timestamp / ${HOUR_MS}) * ${HOUR_MS}`

const EMPTY: GroupStats = {
  requests: 0,
  successful_requests: 0,
  error_requests: 0,
  error_rate: null,
  tokens: { input: 0, output: 0, cache_read: 0, cache_write: 0, reasoning: 0, total: 0 },
  cost_usd: null,
  unpriced_requests: 0,
  cache_hit_ratio: null,
  duration_ms: { avg: null, p50: null, p95: null },
  ttft_ms: { p50: null, p95: null },
}

function hoursParam(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 24
  const hours = Number(raw)
  if (!(hours > 0 && hours <= MAX_HOURS)) throw new InvalidRequestError(`hours must be a number above 0 and at most ${MAX_HOURS}, got "${raw}"`)
  return hours
}

/**
 * `GET /logs/analytics`: totals and breakdowns by provider, model and hour. Without `start`
 * or `end` it covers the last `hours` (default 24).
 */
export async function analyticsReport(sql: SqlRunner, query: Query, now = Date.now()) {
  const started = performance.now()
  const filter = parseFilter(query)
  if (filter.start === undefined && filter.end === undefined) filter.start = now - hoursParam(query.hours) * HOUR_MS
  const { where, params } = filterSql(filter)
  const [summary, byProvider, byModel, byHour] = await Promise.all(["'all'", PROVIDER_KEY, MODEL_KEY, HOUR_KEY].map((key) => groupStats(sql, key, where, params)))
  return {
    summary: summary!.get("all") ?? EMPTY,
    by_provider: Object.fromEntries(byProvider!),
    by_model: Object.fromEntries(byModel!),
    by_hour: [...byHour!].map(([hour, stats]) => ({ hour: new Date(Number(hour)).toISOString(), ...stats })),
    query_time_ms: Math.round((performance.now() - started) * 100) / 100,
    backend: "sqlite",
    query_params: {
      start: filter.start === undefined ? null : new Date(filter.start).toISOString(),
      end: filter.end === undefined ? null : new Date(filter.end).toISOString(),
      provider: query.provider ?? query.service_type ?? null,
      model: query.model ?? null,
      status: query.status ?? query.status_code ?? null,
    },
  }
}
