import { afterAll, expect, test } from "bun:test"
import { configureLogging, logger } from "~/core/log"

afterAll(() => configureLogging({ level: "CRITICAL", format: "json", write: () => {} }))

test("pretty lines label an error and the extras, so the message does not run on into them", () => {
  const lines: string[] = []
  configureLogging({ level: "INFO", format: "pretty", write: (line) => lines.push(line) })
  logger("plugins").error("plugin throws failed to initialize", new Error("boom in setup"))
  logger("server").error("request failed", { request_id: "r1" }, new Error("Upstream 127.0.0.1:9 did not answer within 3 s"))
  expect(lines[0]).toEndWith("ERROR [plugins] plugin throws failed to initialize error=boom in setup")
  expect(lines[1]).toEndWith("ERROR [server] request failed request_id=r1 error=Upstream 127.0.0.1:9 did not answer within 3 s")
})

test("json lines carry the error under the same key", () => {
  const lines: string[] = []
  configureLogging({ level: "INFO", format: "json", write: (line) => lines.push(line) })
  logger("plugins").error("plugin throws failed to initialize", new Error("boom in setup"))
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", tag: "plugins", msg: "plugin throws failed to initialize", error: "boom in setup" })
})
