import { expect, test } from "bun:test"
import { composeMiddleware, MiddlewareLayer, type RequestContext } from "~/core/plugins/middleware"

test("lower layers wrap higher ones: SECURITY runs before OBSERVABILITY ... before the route", async () => {
  const order: string[] = []
  const layer = (name: string, priority: number) => ({
    name,
    priority,
    handler: async (_: RequestContext, next: () => Promise<Response>) => {
      order.push(`>${name}`)
      const response = await next()
      order.push(`<${name}`)
      return response
    },
  })
  const run = composeMiddleware(
    [layer("app", MiddlewareLayer.APPLICATION), layer("security", MiddlewareLayer.SECURITY), layer("routing", MiddlewareLayer.ROUTING), layer("observability", MiddlewareLayer.OBSERVABILITY), layer("transform", MiddlewareLayer.TRANSFORMATION)],
    async () => {
      order.push("route")
      return new Response("ok")
    },
  )
  await run({} as RequestContext)
  expect(order).toEqual([">security", ">observability", ">transform", ">routing", ">app", "route", "<app", "<routing", "<transform", "<observability", "<security"])
})

test("a middleware can answer without calling the rest", async () => {
  const run = composeMiddleware([{ name: "stop", priority: 1, handler: async () => new Response("blocked", { status: 403 }) }], async () => new Response("route"))
  expect((await run({} as RequestContext)).status).toBe(403)
})
