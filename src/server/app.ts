import { Elysia, type AnyElysia } from "elysia"
import { InvalidRequestError, UnavailableError } from "~/core/errors"
import { composeMiddleware, MiddlewareLayer, type MiddlewareHandler, type OrderedMiddleware, type RequestContext } from "~/core/plugins/middleware"
import type { PluginEntry } from "~/core/plugins/registry"
import type { PluginSystem } from "~/core/plugins/system"
import { errorResponse } from "./error-response"
import { bodyLimitMiddleware } from "./middleware/body-limit"
import { corsMiddleware } from "./middleware/cors"
import { isLoopbackHost, originGuardMiddleware } from "./middleware/origin-guard"
import { requestHooksMiddleware } from "./middleware/request-hooks"
import { chooseRequestId, requestIdMiddleware } from "./middleware/request-id"
import { securityMiddleware } from "./middleware/security"
import { attachRequestContext, requestContextOf } from "./request-context"
import { formatForPath } from "./route-format"
import { healthRoutes } from "./routes/health"
import { pluginRoutes } from "./routes/plugins"

export interface CcproxyApp {
  app: AnyElysia
  /** The whole pipeline: middleware chain, then the Elysia router. */
  handle(request: Request, clientIp?: string): Promise<Response>
}

/** Mounts each prepared plugin's routes, answering 503 until that plugin is initialized. */
function mountPluginRoutes(app: AnyElysia, system: PluginSystem): AnyElysia {
  for (const name of system.registry.initializationOrder()) {
    const entry = system.registry.get(name)!
    for (const spec of entry.factory.manifest.routes ?? []) {
      const group = new Elysia({ prefix: spec.prefix, detail: spec.tags ? { tags: spec.tags } : undefined }).onBeforeHandle(() => {
        if (!entry.context!.isReady()) throw new UnavailableError(`Plugin ${name} is ${entry.state === "failed" ? `not available: ${entry.reason}` : "still starting"}`)
      })
      app = app.use(spec.build(group, entry.context!))
    }
  }
  return app
}

/** A plugin's middleware runs only while the plugin is active, and is created after its setup. */
function whenActive(entry: PluginEntry, create: () => MiddlewareHandler): MiddlewareHandler {
  let handler: MiddlewareHandler | undefined
  return (context, next) => {
    if (entry.state !== "active") return next()
    handler ??= create()
    return handler(context, next)
  }
}

function collectMiddleware(system: PluginSystem): OrderedMiddleware[] {
  const { settings, hooks } = system.core
  const middleware: OrderedMiddleware[] = [requestIdMiddleware, requestHooksMiddleware(hooks), bodyLimitMiddleware(settings.server.max_body_bytes)]
  middleware.push(originGuardMiddleware({ allowedOrigins: settings.cors.origins, loopbackOnly: isLoopbackHost(settings.server.host) }))
  if (settings.cors.origins.length) middleware.push(corsMiddleware({ origins: settings.cors.origins, credentials: settings.cors.credentials, maxAge: settings.cors.max_age }))
  if (settings.security.auth_token) middleware.push(securityMiddleware(settings.security.auth_token))
  for (const name of system.registry.initializationOrder()) {
    const entry = system.registry.get(name)!
    for (const spec of entry.factory.manifest.middleware ?? []) {
      middleware.push({ name: `${name}.${spec.name}`, priority: spec.priority ?? MiddlewareLayer.APPLICATION, handler: whenActive(entry, () => spec.create(entry.context!)) })
    }
  }
  return middleware
}

/**
 * `/docs` and `/openapi.json`, served by the swagger plugin loaded at the first request for
 * them: it imports the Scalar theme and its zod schemas, a good part of the start-up time
 * otherwise. The plugin's own instance is not mounted, so it is shown the app's routes.
 */
function lazyDocs(app: () => AnyElysia, version: string): (request: Request) => Promise<Response> {
  let docs: Promise<AnyElysia> | undefined
  const load = async () => {
    const { swagger } = await import("@elysiajs/swagger")
    const instance: AnyElysia = swagger({
      path: "/docs",
      specPath: "/openapi.json",
      exclude: ["/docs", "/openapi.json"],
      documentation: { info: { title: "ccproxy", version, description: "Local proxy for Claude, ChatGPT and Copilot subscriptions" } },
    })
    // Protected in Elysia's types; the plugin's spec handler calls them on its own instance.
    type Routes = { getGlobalRoutes(): unknown; getGlobalDefinitions(): unknown }
    const target = instance as unknown as Routes
    const source = () => app() as unknown as Routes
    target.getGlobalRoutes = () => source().getGlobalRoutes()
    target.getGlobalDefinitions = () => source().getGlobalDefinitions()
    return instance
  }
  return async (request) => (await (docs ??= load())).handle(request)
}

/** Builds the Elysia app and the middleware pipeline for a loaded plugin system. */
export function createApp(system: PluginSystem): CcproxyApp {
  const { registry, core } = system
  const docs = lazyDocs(() => app, core.version)
  let app: AnyElysia = new Elysia({ name: "ccproxy" })
    .get("/docs", ({ request }) => docs(request), { detail: { hide: true } })
    .get("/openapi.json", ({ request }) => docs(request), { detail: { hide: true } })
    .onError(({ error, code, request }) => {
      const context = requestContextOf(request)
      const pathname = context?.url.pathname ?? new URL(request.url).pathname
      const format = context?.format ?? formatForPath(pathname)
      if (code === "NOT_FOUND") {
        // The path exists for other methods (GET /claude/v1/messages): say which, not "Not found".
        const allowed = [...new Set(app.routes.filter((route) => route.path === pathname && route.method !== request.method).map((route) => route.method))]
        if (allowed.length) {
          const response = errorResponse(new InvalidRequestError(`Method ${request.method} is not allowed on ${pathname}; use ${allowed.join(" or ")}`, 405), format, context?.requestId)
          response.headers.set("allow", allowed.join(", "))
          return response
        }
      }
      const tagged = typeof code === "string" && !(error as { code?: unknown }).code ? Object.assign(error as object, { code }) : error
      return errorResponse(tagged, format, context?.requestId)
    })
    .use(healthRoutes(registry, core.version))
    .use(pluginRoutes(registry, core.services))
  app = mountPluginRoutes(app, system)

  const pipeline = composeMiddleware(collectMiddleware(system), (context) => app.handle(context.request))
  return {
    app,
    async handle(request, clientIp) {
      const url = new URL(request.url)
      const context: RequestContext = {
        request,
        url,
        requestId: chooseRequestId(request.headers.get("x-request-id")),
        startedAt: Date.now(),
        clientIp,
        format: formatForPath(url.pathname),
        metadata: {},
      }
      attachRequestContext(context)
      try {
        return await pipeline(context)
      } catch (error) {
        return errorResponse(error, context.format, context.requestId)
      }
    },
  }
}
