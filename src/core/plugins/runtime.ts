import type { PluginContext } from "./context"

export interface PluginHealth {
  status: "healthy" | "unhealthy" | "unknown"
  details?: Record<string, unknown>
}

/** A plugin's live instance: created by its factory, driven by the registry. */
export interface PluginRuntime {
  initialize(context: PluginContext): Promise<void>
  shutdown(): Promise<void>
  validate(): Promise<boolean>
  healthCheck(): Promise<PluginHealth>
}
