import { expect, test } from "bun:test"
import { join } from "node:path"
import { createTestApp } from "../helpers/test-server"

const EXAMPLES = join(import.meta.dir, "../../docs/examples")

test("the documented example plugin loads from a plugin dir, reads its config, serves its route and counts", async () => {
  const app = await createTestApp({ settings: { plugin_dirs: [EXAMPLES], "plugins.hello.greeting": "hi there" } })
  expect(app.system.registry.get("hello")?.state).toBe("active")
  expect(await (await app.request("/hello")).json()).toEqual({ greeting: "hi there", requests: 0 })
  await Bun.sleep(5)
  expect(await (await app.request("/hello")).json()).toEqual({ greeting: "hi there", requests: 1 })
  await Bun.sleep(5)
  expect(await (await app.request("/plugins/hello/health")).json()).toMatchObject({ status: "healthy", details: { requests: 2 } })
})
