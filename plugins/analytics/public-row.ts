import type { AnalyticsRow } from "./row"

/** A row as the API and the live stream show it: ISO time, booleans, warnings as JSON. */
export interface PublicRow extends Omit<AnalyticsRow, "streaming" | "conversion_warnings"> {
  id?: number
  time: string
  streaming: boolean | null
  conversion_warnings: unknown[]
}

export function publicRow(row: AnalyticsRow & { id?: number }): PublicRow {
  return {
    ...row,
    time: new Date(row.timestamp).toISOString(),
    streaming: row.streaming === null ? null : row.streaming !== 0,
    conversion_warnings: row.conversion_warnings ? (JSON.parse(row.conversion_warnings) as unknown[]) : [],
  }
}
