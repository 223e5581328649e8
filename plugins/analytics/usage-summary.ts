import type { Database } from "bun:sqlite"
import { IS_UNPRICED } from "./group-stats"

/** Tokens, cost and requests of one model, for `ccproxy usage`. */
export interface ModelUsage {
  model: string
  requests: number
  tokens_input: number
  tokens_output: number
  tokens_cache_read: number
  tokens_cache_write: number
  /** Sum of known costs; null when none of its requests could be priced. */
  cost_usd: number | null
  /** Requests with tokens but no price; failed requests without tokens are not counted. */
  unpriced_requests: number
}

/** Usage per model (the one sent upstream, else the one asked for) since `since` (epoch ms), costliest first. */
export function usageByModel(db: Database, since: number): ModelUsage[] {
  const sql = `SELECT COALESCE(upstream_model, model, '(unknown)') AS model, COUNT(*) AS requests,
    TOTAL(tokens_input) AS tokens_input, TOTAL(tokens_output) AS tokens_output,
    TOTAL(tokens_cache_read) AS tokens_cache_read, TOTAL(tokens_cache_write) AS tokens_cache_write,
    SUM(cost_usd) AS cost_usd, SUM(${IS_UNPRICED}) AS unpriced_requests
    FROM access_logs WHERE timestamp >= ? GROUP BY 1 ORDER BY COALESCE(SUM(cost_usd), 0) DESC, requests DESC, model`
  return db.query<ModelUsage, [number]>(sql).all(since)
}
