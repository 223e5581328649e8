import { Elysia } from "elysia"
import type { PluginRegistry } from "~/core/plugins/registry"

const HEALTH_HEADERS = { "content-type": "application/health+json", "cache-control": "no-cache, no-store, must-revalidate" }

function healthJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: HEALTH_HEADERS })
}

const CHECK_STATUS = { active: "pass", failed: "fail", excluded: "fail", initializing: "warn", pending: "warn", disabled: "pass" } as const

/** `/health`, `/health/live`, `/health/ready` in the IETF health-check shape the original used. */
export function healthRoutes(registry: PluginRegistry, version: string) {
  return new Elysia({ name: "health", detail: { tags: ["health"] } })
    .get("/health/live", () => healthJson({ status: "pass", version, output: "Application process is running" }))
    .get("/health/ready", () =>
      registry.isInitialized()
        ? healthJson({ status: "pass", version, output: "Service is ready to accept traffic" })
        : healthJson({ status: "fail", version, output: "Plugins are still initializing" }, 503),
    )
    .get("/health", () => {
      const time = new Date().toISOString()
      const plugins = registry.all().filter((entry) => entry.state !== "disabled")
      const checks = plugins.map((entry) => ({
        componentId: entry.name,
        componentType: entry.factory.manifest.kind,
        status: CHECK_STATUS[entry.state],
        time,
        output: entry.reason ?? entry.state,
      }))
      const loadFailures = registry.loadFailures.map((failure) => ({ componentId: failure.name, componentType: "plugin", status: "fail", time, output: `${failure.path}: ${failure.error}` }))
      const all = [...checks, ...loadFailures]
      const status = !registry.isInitialized() ? "warn" : all.some((check) => check.status === "fail") ? "warn" : "pass"
      return healthJson({
        status,
        version,
        serviceId: "claude-code-proxy",
        description: "CCProxy API Server",
        time,
        checks: { plugins: all },
      })
    })
}
