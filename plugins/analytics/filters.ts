import { InvalidRequestError } from "ccproxy/plugin"
import type { PublicRow } from "./public-row"

type Query = Record<string, string | undefined>

interface ListFilter {
  include: string[]
  exclude: string[]
}

/** What `/logs/query`, `/logs/analytics` and `/logs/stream` filter on. */
export interface RowFilter {
  start?: number
  end?: number
  provider?: ListFilter
  model?: ListFilter
  /** Exact codes or [from, to] ranges from classes such as `4xx`. */
  status?: Array<[number, number]>
}

/** ISO 8601, or epoch seconds / milliseconds (told apart by size). */
export function parseTime(value: string, name: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const number = Number(value)
    return number < 1e11 ? Math.round(number * 1000) : Math.round(number)
  }
  const parsed = Date.parse(value)
  if (Number.isNaN(parsed)) throw new InvalidRequestError(`${name} must be an ISO 8601 time or epoch seconds/milliseconds, got "${value}"`)
  return parsed
}

/** `a,b` keeps a and b; `!a` leaves a out. */
function parseList(value: string | undefined): ListFilter | undefined {
  const items = value?.split(",").map((item) => item.trim()).filter(Boolean) ?? []
  if (items.length === 0) return undefined
  return { include: items.filter((item) => !item.startsWith("!")), exclude: items.filter((item) => item.startsWith("!")).map((item) => item.slice(1)) }
}

function parseStatus(value: string | undefined): Array<[number, number]> | undefined {
  if (!value) return undefined
  return value.split(",").map((item) => {
    const code = item.trim().toLowerCase()
    if (/^[1-5]xx$/.test(code)) return [Number(code[0]) * 100, Number(code[0]) * 100 + 99]
    if (/^\d{3}$/.test(code)) return [Number(code), Number(code)]
    throw new InvalidRequestError(`status must be codes or classes like 200,4xx; got "${item}"`)
  })
}

export function parseFilter(query: Query): RowFilter {
  const start = query.start ?? query.start_time
  const end = query.end ?? query.end_time
  return {
    start: start ? parseTime(start, "start") : undefined,
    end: end ? parseTime(end, "end") : undefined,
    provider: parseList(query.provider ?? query.service_type),
    model: parseList(query.model),
    status: parseStatus(query.status ?? query.status_code),
  }
}

/** The WHERE clause (without the keyword; "1" when empty) and its parameters. */
export function filterSql(filter: RowFilter): { where: string; params: Array<string | number> } {
  const clauses: string[] = []
  const params: Array<string | number> = []
  const add = (clause: string, ...values: Array<string | number>) => {
    clauses.push(clause)
    params.push(...values)
  }
  const marks = (values: string[]) => values.map(() => "?").join(", ")
  const { provider, model, status } = filter
  if (filter.start !== undefined) add("timestamp >= ?", filter.start)
  if (filter.end !== undefined) add("timestamp < ?", filter.end)
  if (provider?.include.length) add(`provider IN (${marks(provider.include)})`, ...provider.include)
  if (provider?.exclude.length) add(`COALESCE(provider, '') NOT IN (${marks(provider.exclude)})`, ...provider.exclude)
  if (model?.include.length) add(`(model IN (${marks(model.include)}) OR upstream_model IN (${marks(model.include)}))`, ...model.include, ...model.include)
  if (model?.exclude.length) {
    add(`COALESCE(model, '') NOT IN (${marks(model.exclude)}) AND COALESCE(upstream_model, '') NOT IN (${marks(model.exclude)})`, ...model.exclude, ...model.exclude)
  }
  if (status?.length) add(`(${status.map(() => "status_code BETWEEN ? AND ?").join(" OR ")})`, ...status.flat())
  return { where: clauses.length ? clauses.join(" AND ") : "1", params }
}

const listMatches = (list: ListFilter | undefined, values: Array<string | null>) =>
  !list || ((list.include.length === 0 || values.some((value) => value !== null && list.include.includes(value))) && !values.some((value) => value !== null && list.exclude.includes(value)))

/** The same filter over one row in memory, for the live stream. */
export function rowMatches(filter: RowFilter, row: PublicRow): boolean {
  if (filter.start !== undefined && row.timestamp < filter.start) return false
  if (filter.end !== undefined && row.timestamp >= filter.end) return false
  if (!listMatches(filter.provider, [row.provider]) || !listMatches(filter.model, [row.model, row.upstream_model])) return false
  return !filter.status || filter.status.some(([from, to]) => row.status_code !== null && row.status_code >= from && row.status_code <= to)
}
