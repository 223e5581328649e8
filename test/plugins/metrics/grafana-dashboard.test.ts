import { expect, test } from "bun:test"
import { Value } from "@sinclair/typebox/value"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createMetricFamilies } from "../../../plugins/metrics/ccproxy-metrics"
import { metricsConfig } from "../../../plugins/metrics/config"

test("the Grafana dashboard queries only metrics the plugin exposes", () => {
  const dashboard = readFileSync(join(import.meta.dir, "../../../docs/grafana/ccproxy-dashboard.json"), "utf8")
  const exposed = createMetricFamilies(Value.Default(metricsConfig, {}) as never, "test").registry.render()
  const families = new Set([...exposed.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]!))
  const queried = new Set([...dashboard.matchAll(/ccproxy_[a-z_]+/g)].map((match) => match[0].replace(/_(bucket|sum|count)$/, "")))
  expect(queried.size).toBeGreaterThan(8)
  for (const name of queried) expect(families.has(name) ? name : `${name} (not exposed)`).toBe(name)
})
