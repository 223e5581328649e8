import { assertLabelName, assertMetricName, escapeHelp, labelPairs } from "./exposition"

export type MetricType = "counter" | "gauge" | "histogram"

/** Label values by label name; a missing one is the empty string. */
export type Labels<L extends string> = Readonly<Record<L, string>>

/**
 * One metric family: its HELP and TYPE, and one series per distinct label set. The label
 * pairs of a series are escaped once, when the series is created.
 */
export abstract class MetricFamily<L extends string, S> {
  abstract readonly type: MetricType
  private readonly series = new Map<string, S>()

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
  ) {
    assertMetricName(name)
    for (const label of labelNames) assertLabelName(label)
  }

  protected seriesFor(labels: Labels<L>): S {
    const values = this.labelNames.map((name) => labels[name] ?? "")
    const key = values.join("\u0000")
    let series = this.series.get(key)
    if (!series) {
      series = this.createSeries(labelPairs(this.labelNames, values))
      this.series.set(key, series)
    }
    return series
  }

  /**
   * The series of `labels`, looked up once and then kept: for callers that update the same
   * label set on every request. Created on first use, so a bound series nobody updated is not
   * rendered.
   */
  protected boundSeries(labels: Labels<L>): () => S {
    let series: S | undefined
    return () => (series ??= this.seriesFor(labels))
  }

  protected abstract createSeries(pairs: string): S
  protected abstract renderSeries(series: S, lines: string[]): void

  get seriesCount(): number {
    return this.series.size
  }

  render(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`)
    for (const series of this.series.values()) this.renderSeries(series, lines)
  }
}
