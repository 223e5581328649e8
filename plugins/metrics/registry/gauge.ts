import { sampleLine } from "./exposition"
import { MetricFamily, type Labels } from "./metric-family"

interface Series {
  pairs: string
  value: number
}

/** A value that goes up and down. */
export class Gauge<L extends string = never> extends MetricFamily<L, Series> {
  readonly type = "gauge"

  set(labels: Labels<L>, value: number): void {
    this.seriesFor(labels).value = value
  }

  inc(labels: Labels<L>, amount = 1): void {
    this.seriesFor(labels).value += amount
  }

  dec(labels: Labels<L>, amount = 1): void {
    this.seriesFor(labels).value -= amount
  }

  /** `set` for one label set, without looking the series up each time. */
  bind(labels: Labels<L>): { set(value: number): void } {
    const series = this.boundSeries(labels)
    return {
      set: (value) => {
        series().value = value
      },
    }
  }

  protected createSeries(pairs: string): Series {
    return { pairs, value: 0 }
  }

  protected renderSeries(series: Series, lines: string[]): void {
    lines.push(sampleLine(this.name, series.pairs, series.value))
  }
}
