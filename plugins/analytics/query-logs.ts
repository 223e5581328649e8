import { InvalidRequestError } from "ccproxy/plugin"
import type { SqlRunner } from "./analytics-worker"
import { filterSql, parseFilter } from "./filters"
import { publicRow, type PublicRow } from "./public-row"
import type { AnalyticsRow } from "./row"

type Query = Record<string, string | undefined>
type StoredRow = AnalyticsRow & { id: number }

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 10_000

function integerParam(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name]
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidRequestError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  return value
}

/** A cursor names the last row of a page: `<timestamp>_<id>`. */
const encodeCursor = (row: StoredRow) => `${row.timestamp}_${row.id}`

function decodeCursor(cursor: string): [number, number] {
  const match = /^(\d+)_(\d+)$/.exec(cursor)
  if (!match) throw new InvalidRequestError(`cursor must be a next_cursor value from an earlier page, got "${cursor}"`)
  return [Number(match[1]), Number(match[2])]
}

export interface LogsPage {
  results: PublicRow[]
  count: number
  limit: number
  order: "asc" | "desc"
  offset: number | null
  cursor: string | null
  next_cursor: string | null
  has_more: boolean
  query_time_ms: number
  backend: "sqlite"
}

/** `GET /logs/query`: filtered rows, newest first by default, paged by cursor or offset. */
export async function queryLogs(runner: SqlRunner, query: Query): Promise<LogsPage> {
  const started = performance.now()
  const limit = integerParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
  const order = query.order ?? "desc"
  if (order !== "asc" && order !== "desc") throw new InvalidRequestError(`order must be asc or desc, got "${order}"`)
  const cursor = query.cursor || null
  if (cursor && query.offset) throw new InvalidRequestError("use either cursor or offset, not both")
  const offset = integerParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER)
  const { where, params } = filterSql(parseFilter(query))
  const clauses = [where]
  if (cursor) {
    clauses.push(`(timestamp, id) ${order === "desc" ? "<" : ">"} (?, ?)`)
    params.push(...decodeCursor(cursor))
  }
  const direction = order.toUpperCase()
  const sql = `SELECT * FROM access_logs WHERE ${clauses.join(" AND ")} ORDER BY timestamp ${direction}, id ${direction} LIMIT ? OFFSET ?`
  const rows = await runner.all<StoredRow>(sql, [...params, limit + 1, cursor ? 0 : offset])
  const hasMore = rows.length > limit
  const page = rows.slice(0, limit)
  return {
    results: page.map(publicRow),
    count: page.length,
    limit,
    order,
    offset: cursor ? null : offset,
    cursor,
    next_cursor: hasMore ? encodeCursor(page[page.length - 1]!) : null,
    has_more: hasMore,
    query_time_ms: Math.round((performance.now() - started) * 100) / 100,
    backend: "sqlite",
  }
}
