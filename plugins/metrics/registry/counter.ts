import { sampleLine } from "./exposition"
import { MetricFamily, type Labels } from "./metric-family"

interface Series {
  pairs: string
  value: number
}

/** A value that only goes up; its name ends in `_total`. */
export class Counter<L extends string = never> extends MetricFamily<L, Series> {
  readonly type = "counter"

  constructor(name: string, help: string, labelNames: readonly L[] = []) {
    if (!name.endsWith("_total")) throw new Error(`counter ${name} must end in _total`)
    super(name, help, labelNames)
  }

  inc(labels: Labels<L>, amount = 1): void {
    if (!(amount >= 0)) throw new Error(`counter ${this.name} cannot go down (${amount})`)
    this.seriesFor(labels).value += amount
  }

  /** `inc` for one label set, without looking the series up each time. */
  bind(labels: Labels<L>): { inc(amount?: number): void } {
    const series = this.boundSeries(labels)
    return {
      inc: (amount = 1) => {
        if (!(amount >= 0)) throw new Error(`counter ${this.name} cannot go down (${amount})`)
        series().value += amount
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
