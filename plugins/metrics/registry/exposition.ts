/**
 * Prometheus text exposition format 0.0.4, the pieces that need care.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details
 */
export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/

export function assertMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${JSON.stringify(name)}`)
}

export function assertLabelName(name: string): void {
  if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new Error(`invalid label name ${JSON.stringify(name)}`)
}

/** HELP text escapes only backslash and newline. */
export const escapeHelp = (text: string) => text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")

/** Label values escape backslash, double quote and newline. */
export const escapeLabelValue = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN"
  if (value === Infinity) return "+Inf"
  if (value === -Infinity) return "-Inf"
  return String(value)
}

/** `a="x",b="y"` (no braces), in `names` order; computed once per series. */
export function labelPairs(names: readonly string[], values: readonly string[]): string {
  return names.map((name, index) => `${name}="${escapeLabelValue(values[index] ?? "")}"`).join(",")
}

/** `name{pairs} value`, or `name value` without labels. */
export function sampleLine(name: string, pairs: string, value: number): string {
  return pairs ? `${name}{${pairs}} ${formatValue(value)}` : `${name} ${formatValue(value)}`
}
