import type { LineFormatName } from "./config"

/** The fields of one access line; undefined fields are left out of structured lines. */
export interface AccessRecord {
  timestamp: Date
  request_id?: string
  method?: string
  path?: string
  query?: string
  status_code?: number
  duration_ms?: number
  client_ip?: string
  user_agent?: string
  referer?: string
  body_size?: number
  error?: string
  endpoint?: string
  model?: string
  service_type?: string
  tokens_input?: number
  tokens_output?: number
  cost_usd?: number
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const pad = (value: number) => String(value).padStart(2, "0")

/** Common Log Format time, in UTC: `10/Oct/2026:13:55:36 +0000`. */
function clfTime(date: Date): string {
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
}

const quoted = (value: string | undefined) => `"${(value ?? "-").replaceAll('"', '\\"')}"`

export function formatAccessLine(record: AccessRecord, format: LineFormatName): string {
  if (format === "structured") {
    const line: Record<string, unknown> = { timestamp: record.timestamp.toISOString() }
    for (const key in record) {
      const value = record[key as keyof AccessRecord]
      if (key !== "timestamp" && value !== undefined && value !== null && value !== "") line[key] = value
    }
    return JSON.stringify(line)
  }
  const target = record.query ? `${record.path}?${record.query}` : (record.path ?? "-")
  const common = `${record.client_ip ?? "-"} - - [${clfTime(record.timestamp)}] "${record.method ?? "-"} ${target} HTTP/1.1" ${record.status_code ?? "-"} ${record.body_size ?? "-"}`
  return format === "combined" ? `${common} ${quoted(record.referer)} ${quoted(record.user_agent)}` : common
}
