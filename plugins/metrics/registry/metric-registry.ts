import { Counter } from "./counter"
import { Gauge } from "./gauge"
import { Histogram } from "./histogram"
import type { MetricFamily } from "./metric-family"

/** The metric families of one running instance, rendered in registration order. */
export class MetricRegistry {
  private readonly families = new Map<string, MetricFamily<string, unknown>>()

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.add(new Counter(name, help, labelNames))
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.add(new Gauge(name, help, labelNames))
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]): Histogram<L> {
    return this.add(new Histogram(name, help, labelNames, buckets))
  }

  get seriesCount(): number {
    let total = 0
    for (const family of this.families.values()) total += family.seriesCount
    return total
  }

  /** The whole exposition, ending in a newline. */
  render(): string {
    const lines: string[] = []
    for (const family of this.families.values()) family.render(lines)
    return lines.join("\n") + "\n"
  }

  private add<F extends MetricFamily<any, any>>(family: F): F {
    if (this.families.has(family.name)) throw new Error(`metric ${family.name} is registered twice`)
    this.families.set(family.name, family as MetricFamily<string, unknown>)
    return family
  }
}
