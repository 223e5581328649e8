import type { SqlRunner } from "./analytics-worker"

/** A request counts as an error when it failed, unless the client simply went away. */
export const IS_ERROR = "(status_code >= 400 OR (error_type IS NOT NULL AND error_type <> 'client_disconnected'))"

export interface Percentiles {
  p50: number | null
  p95: number | null
}

/** Requests, tokens, cost, errors and latency of one group of rows. */
export interface GroupStats {
  requests: number
  successful_requests: number
  error_requests: number
  error_rate: number | null
  tokens: { input: number; output: number; cache_read: number; cache_write: number; reasoning: number; total: number }
  /** Sum of the known costs; null when no row has one. */
  cost_usd: number | null
  unpriced_requests: number
  /** cache read / (input + cache read + cache write), as the metrics plugin computes it; input excludes cached tokens for every provider. */
  cache_hit_ratio: number | null
  duration_ms: Percentiles & { avg: number | null }
  ttft_ms: Percentiles
}

interface Totals {
  key: string | number
  requests: number
  errors: number
  input: number
  output: number
  cache_read: number
  cache_write: number
  reasoning: number
  cost: number | null
  unpriced: number
  avg_duration: number | null
}

type Params = Array<string | number>

/** A row counts as unpriced when it has tokens but no cost: failed requests without tokens have nothing to price. */
export const IS_UNPRICED = "(cost_usd IS NULL AND COALESCE(tokens_input, tokens_output, tokens_cache_read, tokens_cache_write) IS NOT NULL)"

function totals(sql: SqlRunner, key: string, where: string, params: Params): Promise<Totals[]> {
  const query = `SELECT ${key} AS key, COUNT(*) AS requests, SUM(CASE WHEN ${IS_ERROR} THEN 1 ELSE 0 END) AS errors,
    TOTAL(tokens_input) AS input, TOTAL(tokens_output) AS output, TOTAL(tokens_cache_read) AS cache_read,
    TOTAL(tokens_cache_write) AS cache_write, TOTAL(tokens_reasoning) AS reasoning,
    SUM(cost_usd) AS cost, SUM(${IS_UNPRICED}) AS unpriced, AVG(duration_ms) AS avg_duration
    FROM access_logs WHERE ${where} GROUP BY 1 ORDER BY 1`
  return sql.all<Totals>(query, params)
}

/** Nearest-rank p50 and p95 of `column` per group: the value at rank ceil(p × n). */
async function percentiles(sql: SqlRunner, key: string, column: string, where: string, params: Params): Promise<Map<string | number, Percentiles>> {
  const query = `SELECT key, value, rank, n FROM (
      SELECT ${key} AS key, ${column} AS value, ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${column}) AS rank, COUNT(*) OVER (PARTITION BY ${key}) AS n
      FROM access_logs WHERE ${where} AND ${column} IS NOT NULL
    ) WHERE rank = (50 * n + 99) / 100 OR rank = (95 * n + 99) / 100`
  const byKey = new Map<string | number, Percentiles>()
  for (const row of await sql.all<{ key: string | number; value: number; rank: number; n: number }>(query, params)) {
    const entry = byKey.get(row.key) ?? { p50: null, p95: null }
    if (row.rank === Math.floor((50 * row.n + 99) / 100)) entry.p50 = row.value
    if (row.rank === Math.floor((95 * row.n + 99) / 100)) entry.p95 = row.value
    byKey.set(row.key, entry)
  }
  return byKey
}

function toStats(row: Totals, duration: Percentiles | undefined, ttft: Percentiles | undefined): GroupStats {
  const cacheBase = row.input + row.cache_read + row.cache_write
  return {
    requests: row.requests,
    successful_requests: row.requests - row.errors,
    error_requests: row.errors,
    error_rate: row.requests ? row.errors / row.requests : null,
    tokens: { input: row.input, output: row.output, cache_read: row.cache_read, cache_write: row.cache_write, reasoning: row.reasoning, total: row.input + row.output + row.cache_read + row.cache_write },
    cost_usd: row.cost,
    unpriced_requests: row.unpriced,
    cache_hit_ratio: cacheBase ? row.cache_read / cacheBase : null,
    duration_ms: { avg: row.avg_duration, ...(duration ?? { p50: null, p95: null }) },
    ttft_ms: ttft ?? { p50: null, p95: null },
  }
}

/** Stats per value of the SQL expression `key` over the rows matching `where`. */
export async function groupStats(sql: SqlRunner, key: string, where: string, params: Params): Promise<Map<string | number, GroupStats>> {
  const [duration, ttft, rows] = await Promise.all([percentiles(sql, key, "duration_ms", where, params), percentiles(sql, key, "ttft_ms", where, params), totals(sql, key, where, params)])
  return new Map(rows.map((row) => [row.key, toStats(row, duration.get(row.key), ttft.get(row.key))]))
}
