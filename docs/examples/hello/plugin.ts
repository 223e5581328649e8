// An external ccproxy plugin: copy this folder into ~/.config/ccproxy/plugins/ and restart.
import { defineSystemPlugin, HookEvent, HookPriority, Type } from "ccproxy/plugin"

const counts = new WeakMap<object, { requests: number }>()

export const factory = defineSystemPlugin({
  name: "hello",
  version: "1.0.0",
  description: "Greets, and counts completed requests",
  config: Type.Object({
    greeting: Type.String({ default: "hello", description: "What GET /hello answers" }),
  }),
  routes: [
    {
      prefix: "/hello",
      tags: ["hello"],
      build: (app, ctx) => app.get("/", () => ({ greeting: ctx.config.greeting, requests: counts.get(ctx.config)?.requests ?? 0 })),
    },
  ],
  hooks: [
    {
      name: "hello.count",
      events: [HookEvent.REQUEST_COMPLETED],
      priority: HookPriority.OBSERVATION,
      create: (ctx) => () => {
        const state = counts.get(ctx.config)
        if (state) state.requests++
      },
    },
  ],
  setup(ctx) {
    counts.set(ctx.config, { requests: 0 })
    ctx.logger.info(`hello plugin ready, greeting "${ctx.config.greeting}"`)
    return {
      shutdown: () => void counts.delete(ctx.config),
      healthCheck: () => ({ status: "healthy", details: { requests: counts.get(ctx.config)?.requests ?? 0 } }),
    }
  },
})
