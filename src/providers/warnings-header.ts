import type { ConversionWarning } from "~/formats/types"

export const WARNINGS_HEADER = "x-ccproxy-warnings"
const MAX_LENGTH = 4000

/**
 * What a conversion lost, for the response header: `code path; code path; ...`, ASCII only,
 * cut at a safe length (the log keeps the full messages).
 */
export function warningsHeaderValue(warnings: readonly ConversionWarning[]): string | undefined {
  if (warnings.length === 0) return undefined
  const value = warnings.map((warning) => `${warning.code} ${warning.path}`).join("; ").replace(/[^\x20-\x7e]/g, "?")
  return value.length > MAX_LENGTH ? `${value.slice(0, MAX_LENGTH - 3)}...` : value
}
