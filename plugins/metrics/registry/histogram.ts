import { formatValue, sampleLine } from "./exposition"
import { MetricFamily, type Labels } from "./metric-family"

interface Series {
  pairs: string
  /** Observations per bucket, not cumulative; the last slot is +Inf. */
  counts: number[]
  sum: number
  count: number
}

/** Observations counted in cumulative `le` buckets, with `_sum` and `_count`. */
export class Histogram<L extends string = never> extends MetricFamily<L, Series> {
  readonly type = "histogram"
  private readonly bounds: number[]
  private readonly bucketLabels: string[]

  constructor(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) {
    if ((labelNames as readonly string[]).includes("le")) throw new Error(`histogram ${name} cannot have an le label`)
    super(name, help, labelNames)
    this.bounds = [...new Set(buckets.filter((bound) => Number.isFinite(bound)))].sort((a, b) => a - b)
    this.bucketLabels = [...this.bounds.map(formatValue), "+Inf"].map((le) => `le="${le}"`)
  }

  observe(labels: Labels<L>, value: number): void {
    if (Number.isFinite(value)) this.record(this.seriesFor(labels), value)
  }

  /** `observe` for one label set, without looking the series up each time. */
  bind(labels: Labels<L>): { observe(value: number): void } {
    const series = this.boundSeries(labels)
    return {
      observe: (value) => {
        if (Number.isFinite(value)) this.record(series(), value)
      },
    }
  }

  private record(series: Series, value: number): void {
    const bounds = this.bounds
    let index = 0
    while (index < bounds.length && value > bounds[index]!) index++
    series.counts[index]!++
    series.sum += value
    series.count++
  }

  protected createSeries(pairs: string): Series {
    return { pairs, counts: new Array(this.bounds.length + 1).fill(0), sum: 0, count: 0 }
  }

  protected renderSeries(series: Series, lines: string[]): void {
    const prefix = series.pairs ? `${series.pairs},` : ""
    let cumulative = 0
    series.counts.forEach((count, index) => {
      cumulative += count
      lines.push(sampleLine(`${this.name}_bucket`, `${prefix}${this.bucketLabels[index]}`, cumulative))
    })
    lines.push(sampleLine(`${this.name}_sum`, series.pairs, series.sum), sampleLine(`${this.name}_count`, series.pairs, series.count))
  }
}
