import { expect, test } from "bun:test"
import { builtinFormatAdapters } from "~/formats"
import { FORMAT_IDS } from "~/formats/types"
import { createTestApp } from "../helpers/test-server"

test("the core registers an adapter for each of the six ordered pairs", async () => {
  const pairs = builtinFormatAdapters.map((adapter) => `${adapter.from}->${adapter.to}`).sort()
  const expected = FORMAT_IDS.flatMap((from) => FORMAT_IDS.filter((to) => to !== from).map((to) => `${from}->${to}`)).sort()
  expect(pairs).toEqual(expected)
  const app = await createTestApp({ initialize: false })
  for (const from of FORMAT_IDS) for (const to of FORMAT_IDS) if (from !== to) expect(app.system.core.formats.has(from, to)).toBe(true)
  expect(app.system.core.formats.list().every((entry) => entry.owner === "core" && entry.priority === 100)).toBe(true)
})
