import { expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parse } from "smol-toml"
import { configReferenceText, sampleConfigText } from "~/cli/config/init"
import { loadConfig } from "~/config/load"

const REPO = join(import.meta.dir, "../..")

test("the documented ccproxy.toml is what the schemas generate (regenerate with `bun run config:sample`)", () => {
  expect(readFileSync(join(REPO, "ccproxy.toml"), "utf8")).toBe(sampleConfigText({ HOME: "~" }))
})

test("docs/CONFIGURATION.md is what the schemas generate", () => {
  expect(readFileSync(join(REPO, "docs", "CONFIGURATION.md"), "utf8")).toBe(configReferenceText())
})

test("the sample with every line uncommented is a valid configuration equal to the defaults", () => {
  const uncommented = sampleConfigText({ HOME: "/home/u" })
    .split("\n")
    .filter((line) => !line.includes("# not set by default"))
    .map((line) => (/^# [a-z_]+ = /.test(line) ? line.slice(2) : line))
    .join("\n")
  const data = parse(uncommented) as Record<string, unknown>
  expect(data.server).toEqual({ host: "127.0.0.1", port: 8000, shutdown_timeout: 30, max_body_bytes: 33554432 })
  const dir = join(REPO, "test")
  const file = join(require("node:os").tmpdir(), `sample-${process.pid}.toml`)
  require("node:fs").writeFileSync(file, uncommented)
  const loaded = loadConfig({ configPath: file, env: { HOME: "/home/u" }, cwd: dir })
  expect(loaded.problems).toEqual([])
  expect(loaded.warnings).toEqual([])
})
