import { describe, expect, test } from "bun:test"
import { MetricRegistry } from "../../../plugins/metrics/registry/metric-registry"
import { parseExposition, sampleValue } from "./exposition-parser"
import { PROMTOOL, promtoolCheck } from "./promtool"

function sampleRegistry() {
  const registry = new MetricRegistry()
  const requests = registry.counter("demo_requests_total", "Requests with a \\ backslash\nand a newline in HELP", ["model", "status"])
  requests.inc({ model: 'we"ird\\mo\ndel', status: "200" })
  requests.inc({ model: 'we"ird\\mo\ndel', status: "200" }, 2)
  requests.inc({ model: "plain", status: "500" })
  const streams = registry.gauge("demo_active_streams", "Streams", ["provider"])
  streams.inc({ provider: "a" })
  streams.dec({ provider: "a" })
  const latency = registry.histogram("demo_latency_seconds", "Latency", ["provider"], [1, 0.1, 10, 1])
  for (const value of [0.05, 0.1, 0.5, 3, 30, Number.NaN]) latency.observe({ provider: "a" }, value)
  registry.gauge("demo_unused_ratio", "No series yet")
  return registry
}

describe("exposition", () => {
  test("escapes HELP text and label values, writes cumulative buckets with +Inf, _sum and _count", () => {
    const text = sampleRegistry().render()
    expect(text).toContain("# HELP demo_requests_total Requests with a \\\\ backslash\\nand a newline in HELP\n# TYPE demo_requests_total counter\n")
    expect(text).toContain('demo_requests_total{model="we\\"ird\\\\mo\\ndel",status="200"} 3\n')
    expect(text).toContain('demo_active_streams{provider="a"} 0\n')
    expect(text).toContain(
      [
        'demo_latency_seconds_bucket{provider="a",le="0.1"} 2',
        'demo_latency_seconds_bucket{provider="a",le="1"} 3',
        'demo_latency_seconds_bucket{provider="a",le="10"} 4',
        'demo_latency_seconds_bucket{provider="a",le="+Inf"} 5',
        'demo_latency_seconds_sum{provider="a"} 33.65',
        'demo_latency_seconds_count{provider="a"} 5',
      ].join("\n"),
    )
  })

  test("the strict parser reads it back, unescaping label values", () => {
    const families = parseExposition(sampleRegistry().render())
    expect(sampleValue(families, "demo_requests_total", { model: 'we"ird\\mo\ndel' })).toBe(3)
    expect(families.get("demo_latency_seconds")!.type).toBe("histogram")
  })

  test("the strict parser rejects what Prometheus rejects", () => {
    expect(() => parseExposition('x_total{a="b} 1\n')).toThrow()
    expect(() => parseExposition("# HELP x_total h\n# TYPE x_total counter\nx_total 1")).toThrow(/newline/)
    expect(() => parseExposition('# HELP x h\n# TYPE x gauge\nx{a="\\t"} 1\n')).toThrow(/escape/)
    expect(() => parseExposition("# HELP x h\n# TYPE x gauge\nx 1\nx 2\n")).toThrow(/duplicate/)
    expect(() => parseExposition('# HELP h h\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_sum 1\nh_count 2\n')).toThrow(/\+Inf/)
    expect(() => parseExposition("# HELP x h\n# TYPE x gauge\nx one\n")).toThrow(/bad value/)
  })

  test("names and misuse are refused when metrics are declared", () => {
    const registry = new MetricRegistry()
    expect(() => registry.counter("requests", "no _total")).toThrow(/_total/)
    expect(() => registry.gauge("bad-name", "h")).toThrow(/invalid metric name/)
    expect(() => registry.gauge("g", "h", ["__reserved"])).toThrow(/invalid label name/)
    expect(() => registry.histogram("h", "h", ["le"], [1])).toThrow(/le label/)
    registry.gauge("g", "h")
    expect(() => registry.gauge("g", "h")).toThrow(/twice/)
    expect(() => registry.counter("c_total", "h").inc({}, -1)).toThrow(/cannot go down/)
  })

  test.skipIf(!PROMTOOL)("promtool check metrics accepts it", async () => {
    const result = await promtoolCheck(sampleRegistry().render())
    expect(result.output).toBe("")
    expect(result.exitCode).toBe(0)
  })
})
