import { expect, test } from "bun:test"
import { createMetricFamilies } from "../../../plugins/metrics/ccproxy-metrics"
import { LabelCap, OTHER } from "../../../plugins/metrics/label-cap"
import { metricsConfig } from "../../../plugins/metrics/config"
import { pushMetrics } from "../../../plugins/metrics/pushgateway"
import { RequestRecorder } from "../../../plugins/metrics/request-recorder"
import { Value } from "@sinclair/typebox/value"
import { startFakeServer } from "../../helpers/fake-server"

const config = (overrides: Record<string, unknown> = {}) => Value.Default(metricsConfig, { ...overrides }) as any

test("label values are cut to 128 characters", () => {
  const cap = new LabelCap(10)
  expect(cap.value("m".repeat(5000))).toBe("m".repeat(128))
})

test("failed requests with made-up models do not use up the model slots", () => {
  const settings = config({ max_label_values: 2 })
  const metrics = createMetricFamilies(settings, "test")
  const recorder = new RequestRecorder(metrics, settings, undefined)
  for (let i = 0; i < 50; i++) recorder.record({ provider: "p", model: `junk-${i}`, response_status: 404 })
  recorder.record({ provider: "p", model: "real-1", response_status: 200, tokens_input: 5 })
  recorder.record({ provider: "p", model: "real-2", response_status: 200 })
  const models = new Set(metrics.registry.render().match(/model="[^"]*"/g))
  expect([...models].sort()).toEqual([`model="${OTHER}"`, 'model="real-1"', 'model="real-2"'])
})

test("a Pushgateway error names the URL without its user:password", async () => {
  const gateway = startFakeServer(() => new Response("nope", { status: 500 }))
  const url = new URL(gateway.url)
  const withCredentials = `${url.protocol}//pushuser:push-pass-S3CR3T@${url.host}`
  const settings = config({ pushgateway_url: withCredentials })
  const error = await pushMetrics(settings, createMetricFamilies(settings, "test").registry).catch((caught: Error) => caught)
  await gateway.stop()
  expect(String(error)).toContain("answered 500")
  expect(String(error)).not.toContain("push-pass-S3CR3T")
  expect(String(error)).not.toContain("pushuser")
  // Nothing listening: the connection error must not quote the credentials either.
  const closed = config({ pushgateway_url: withCredentials })
  const refused = await pushMetrics(closed, createMetricFamilies(closed, "test").registry).catch((caught: Error) => caught)
  expect(String(refused)).not.toContain("push-pass-S3CR3T")
})
