import type { ModelUsage } from "../../plugins/analytics/usage-summary"

const count = (value: number) => Math.round(value).toLocaleString("en-US")

function dollars(usage: Pick<ModelUsage, "cost_usd" | "unpriced_requests">): string {
  if (usage.cost_usd === null) return "-"
  const amount = usage.cost_usd < 1 ? usage.cost_usd.toFixed(4) : usage.cost_usd.toFixed(2)
  return `$${amount}${usage.unpriced_requests ? "*" : ""}`
}

/** Sums of every model's usage, as one more row. */
export function usageTotals(models: ModelUsage[]): ModelUsage {
  const sum = (pick: (usage: ModelUsage) => number) => models.reduce((total, usage) => total + pick(usage), 0)
  const priced = models.filter((usage) => usage.cost_usd !== null)
  return {
    model: "total",
    requests: sum((usage) => usage.requests),
    tokens_input: sum((usage) => usage.tokens_input),
    tokens_output: sum((usage) => usage.tokens_output),
    tokens_cache_read: sum((usage) => usage.tokens_cache_read),
    tokens_cache_write: sum((usage) => usage.tokens_cache_write),
    cost_usd: priced.length ? priced.reduce((total, usage) => total + usage.cost_usd!, 0) : null,
    unpriced_requests: sum((usage) => usage.unpriced_requests),
  }
}

/** A plain-text table: model left-aligned, numbers right-aligned, a total row, a footnote for unpriced requests. */
export function usageTable(models: ModelUsage[]): string {
  const header = ["model", "requests", "input", "output", "cache read", "cache write", "cost"]
  const cells = (usage: ModelUsage) => [usage.model, count(usage.requests), count(usage.tokens_input), count(usage.tokens_output), count(usage.tokens_cache_read), count(usage.tokens_cache_write), dollars(usage)]
  const totals = usageTotals(models)
  const rows = [header, ...models.map(cells), ...(models.length > 1 ? [cells(totals)] : [])]
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd()
  const lines = rows.map(line)
  lines.splice(1, 0, widths.map((width) => "-".repeat(width)).join("  "))
  if (totals.unpriced_requests) lines.push("", `* ${totals.unpriced_requests} request(s) without a price (unknown model, no token counts, or no pricing plugin)`)
  return lines.join("\n")
}
