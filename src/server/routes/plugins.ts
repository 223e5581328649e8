import { Elysia } from "elysia"
import { NotFoundError } from "~/core/errors"
import type { ServiceRegistry } from "~/core/plugins/services"
import type { PluginEntry, PluginRegistry } from "~/core/plugins/registry"

function summary(entry: PluginEntry) {
  const manifest = entry.factory.manifest
  return { name: entry.name, type: manifest.kind, status: entry.state, version: manifest.version }
}

/** `/plugins`, `/plugins/status`, `/plugins/{name}/health`, in the seed's shapes. */
export function pluginRoutes(registry: PluginRegistry, services: ServiceRegistry) {
  return new Elysia({ name: "plugin-management", prefix: "/plugins", detail: { tags: ["plugins"] } })
    .get("/", () => {
      const plugins = [
        ...registry.all().map(summary),
        ...registry.loadFailures.map((failure) => ({ name: failure.name, type: "unknown", status: "failed", version: null })),
      ]
      return { plugins, total: plugins.length }
    })
    .get("/status", () => ({
      initialization_order: registry.initializationOrder(),
      initialized: registry.isInitialized(),
      services: services.providers(),
      plugins: registry.all().map((entry) => {
        const manifest = entry.factory.manifest
        return {
          ...summary(entry),
          description: manifest.description ?? "",
          source: entry.source,
          provides: manifest.provides ?? [],
          requires: manifest.dependencies ?? [],
          optional_requires: manifest.optionalRequires ?? [],
          initialized: entry.state === "active",
          reason: entry.reason ?? null,
        }
      }),
      load_failures: registry.loadFailures,
    }))
    .get("/:name/health", async ({ params }) => {
      const entry = registry.get(params.name)
      if (!entry) throw new NotFoundError(`No plugin named ${params.name}`)
      const health = entry.runtime && entry.state === "active" ? await entry.runtime.healthCheck().catch((error: Error) => ({ status: "unhealthy" as const, details: { error: error.message } })) : undefined
      return {
        plugin: entry.name,
        status: health?.status ?? (entry.state === "failed" || entry.state === "excluded" ? "unhealthy" : "unknown"),
        adapter_loaded: entry.state === "active",
        details: { type: entry.factory.manifest.kind, state: entry.state, initialized: entry.state === "active", reason: entry.reason ?? null, ...health?.details },
      }
    })
}
