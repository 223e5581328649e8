import type { Logger } from "~/core/log"
import type { CoreServices, PluginContext } from "./context"
import { planDependencies } from "./dependency-order"
import type { AnyPluginFactory } from "./factory"
import { HookPriority } from "./hook-events"
import type { PluginRuntime } from "./runtime"
import { TaskScheduler } from "./tasks"

export type PluginState = "disabled" | "excluded" | "pending" | "initializing" | "active" | "failed"

export interface PluginEntry {
  name: string
  factory: AnyPluginFactory
  /** "bundled", or the file an external plugin was loaded from. */
  source: string
  state: PluginState
  /** Why the plugin is disabled, excluded or failed. */
  reason?: string
  context?: PluginContext
  runtime?: PluginRuntime
}

/** An external plugin that could not be imported at all. */
export interface PluginLoadFailure {
  name: string
  path: string
  error: string
}

/**
 * Every discovered plugin and its state. Registration rejects duplicate names;
 * `prepare` decides what starts and in which order; `initializeAll` starts plugins in
 * dependency order, isolating failures; `shutdownAll` stops them in reverse order.
 */
export class PluginRegistry {
  private readonly entries = new Map<string, PluginEntry>()
  readonly loadFailures: PluginLoadFailure[] = []
  private order: string[] = []
  private initializationDone = false
  private scheduler: TaskScheduler

  constructor(private readonly log: Logger) {
    this.scheduler = new TaskScheduler(log)
  }

  registerFactory(factory: AnyPluginFactory, source = "bundled"): void {
    const name = factory.manifest.name
    const existing = this.entries.get(name)
    if (existing) throw new Error(`plugin ${name} from ${source} is already registered from ${existing.source}`)
    this.entries.set(name, { name, factory, source, state: "pending" })
  }

  get(name: string): PluginEntry | undefined {
    return this.entries.get(name)
  }

  all(): PluginEntry[] {
    return [...this.entries.values()]
  }

  initializationOrder(): string[] {
    return [...this.order]
  }

  /** True once every enabled plugin has finished initializing (or failed). */
  isInitialized(): boolean {
    return this.initializationDone
  }

  /**
   * Marks disabled plugins, resolves dependencies among the rest, and creates each
   * starting plugin's context. `configs` holds the validated config of enabled plugins.
   */
  prepare(core: CoreServices, disabled: Map<string, string>, configs: Map<string, Record<string, unknown>>): void {
    for (const entry of this.entries.values()) {
      const reason = disabled.get(entry.name)
      if (reason) Object.assign(entry, { state: "disabled", reason })
    }
    const candidates = this.all().filter((entry) => entry.state === "pending")
    for (const entry of candidates) {
      for (const spec of entry.factory.manifest.formatAdapters ?? []) {
        const adapter = typeof spec.adapter === "function" ? spec.adapter() : spec.adapter
        core.formats.register({ adapter, priority: spec.priority ?? 100, owner: entry.name, description: spec.description })
      }
    }
    const plan = planDependencies(
      candidates.map((entry) => ({
        name: entry.name,
        dependencies: entry.factory.manifest.dependencies ?? [],
        optional: entry.factory.manifest.optionalRequires ?? [],
      })),
    )
    for (const [name, reason] of plan.excluded) {
      Object.assign(this.entries.get(name)!, { state: "excluded", reason })
      this.log.error(`plugin ${name} will not start: ${reason}`)
    }
    this.order = plan.order.filter((name) => this.checkFormatAdapters(core, this.entries.get(name)!))
    for (const name of this.order) {
      const entry = this.entries.get(name)!
      entry.context = entry.factory.createContext(core, configs.get(name) ?? {}, () => entry.state === "active")
    }
  }

  private checkFormatAdapters(core: CoreServices, entry: PluginEntry): boolean {
    const missing = (entry.factory.manifest.requiresFormatAdapters ?? []).find(([from, to]) => !core.formats.has(from, to))
    if (!missing) return true
    Object.assign(entry, { state: "excluded", reason: `missing format adapter ${missing[0]} -> ${missing[1]}` })
    this.log.error(`plugin ${entry.name} will not start: missing format adapter ${missing[0]} -> ${missing[1]}`)
    return false
  }

  /** Initializes in dependency order; one failure marks that plugin and its dependents failed. */
  async initializeAll(): Promise<void> {
    for (const name of this.order) {
      const entry = this.entries.get(name)!
      const failedDependency = (entry.factory.manifest.dependencies ?? []).find((dep) => this.entries.get(dep)?.state !== "active")
      if (failedDependency) {
        Object.assign(entry, { state: "failed", reason: `dependency ${failedDependency} failed to initialize` })
        this.log.error(`plugin ${name} not started: dependency ${failedDependency} failed to initialize`)
        continue
      }
      await this.initializeOne(entry)
    }
    this.initializationDone = true
  }

  private async initializeOne(entry: PluginEntry): Promise<void> {
    const context = entry.context!
    entry.state = "initializing"
    try {
      entry.runtime = entry.factory.createRuntime()
      await entry.runtime.initialize(context)
      this.attachDeclaredComponents(entry, context)
      entry.state = "active"
      this.log.debug(`plugin ${entry.name} initialized`)
    } catch (error) {
      Object.assign(entry, { state: "failed", reason: `initialize failed: ${(error as Error)?.message ?? String(error)}` })
      context.hooks.unregisterPlugin(entry.name)
      context.services.unregisterPlugin(entry.name)
      this.log.error(`plugin ${entry.name} failed to initialize`, error)
    }
  }

  /** Hooks, OAuth providers and tasks from the manifest, once the plugin is initialized. */
  private attachDeclaredComponents(entry: PluginEntry, context: PluginContext): void {
    const manifest = entry.factory.manifest
    for (const hook of manifest.hooks ?? []) {
      const handler = hook.create(context)
      if (handler) context.hooks.register({ name: hook.name, plugin: entry.name, events: hook.events, priority: hook.priority ?? HookPriority.PROCESSING, handler })
    }
    if (manifest.oauthProviderFactory) context.oauth.register(manifest.oauthProviderFactory(context))
    for (const task of manifest.tasks ?? []) {
      if (task.enabled === false) continue
      this.scheduler.start({ name: `${entry.name}.${task.name}`, plugin: entry.name, intervalSeconds: task.intervalSeconds, runOnStart: task.runOnStart ?? false, run: () => task.run(context) })
    }
  }

  /**
   * For CLI use: registers the OAuth providers of prepared plugins without initializing
   * them (no tasks, no hooks), so `ccproxy auth ...` can drive logins.
   */
  registerOAuthProviders(): void {
    for (const name of this.order) {
      const entry = this.entries.get(name)!
      const create = entry.factory.manifest.oauthProviderFactory
      if (create) entry.context!.oauth.register(create(entry.context!))
    }
  }

  /** Stops tasks, then shuts plugins down in reverse order; one failure does not stop the rest. */
  async shutdownAll(): Promise<void> {
    await this.scheduler.stop()
    for (const name of [...this.order].reverse()) {
      const entry = this.entries.get(name)!
      if (entry.state !== "active" || !entry.runtime) continue
      try {
        await entry.runtime.shutdown()
      } catch (error) {
        this.log.error(`plugin ${name} failed to shut down`, error)
      }
    }
  }
}
