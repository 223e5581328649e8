import type { Logger } from "~/core/log"
import type { HookContext, HookEventName } from "./hook-events"

const HOOK_TIMEOUT_MS = 10_000

export type HookHandler = (event: HookContext) => void | Promise<void>

export interface RegisteredHook {
  name: string
  plugin: string
  events: readonly HookEventName[]
  priority: number
  handler: HookHandler
}

/**
 * Hook subscriptions by event, kept sorted by priority (lower first, then registration order).
 * `emit` never delays the caller: observers run after the current task, and a hook that
 * throws is logged and isolated. `emitAndWait` is for events whose hooks may mutate `data`
 * before the caller goes on (`provider.request.prepared`).
 */
export class HookRegistry {
  private readonly byEvent = new Map<HookEventName, RegisteredHook[]>()

  constructor(private readonly log: Logger) {}

  register(hook: RegisteredHook): void {
    for (const event of hook.events) {
      const list = this.byEvent.get(event) ?? []
      list.push(hook)
      list.sort((a, b) => a.priority - b.priority)
      this.byEvent.set(event, list)
    }
  }

  unregisterPlugin(plugin: string): void {
    for (const [event, list] of this.byEvent) this.byEvent.set(event, list.filter((hook) => hook.plugin !== plugin))
  }

  hasListeners(event: HookEventName): boolean {
    return (this.byEvent.get(event)?.length ?? 0) > 0
  }

  /** Fire-and-forget: returns at once; hooks run in priority order in a later task. */
  emit(event: HookEventName, data: Record<string, unknown>, extra: Partial<HookContext> = {}): void {
    const hooks = this.byEvent.get(event)
    if (!hooks?.length) return
    const context: HookContext = { event, timestamp: Date.now(), data, ...extra }
    setImmediate(() => void this.run(hooks, context))
  }

  /** Runs hooks in priority order and waits for them; they may mutate `context.data`. */
  async emitAndWait(event: HookEventName, data: Record<string, unknown>, extra: Partial<HookContext> = {}): Promise<HookContext> {
    const context: HookContext = { event, timestamp: Date.now(), data, ...extra }
    const hooks = this.byEvent.get(event)
    if (hooks?.length) await this.run(hooks, context)
    return context
  }

  private async run(hooks: RegisteredHook[], context: HookContext): Promise<void> {
    for (const hook of hooks) {
      let timer: ReturnType<typeof setTimeout> | undefined
      try {
        const outcome = hook.handler(context)
        // A hook that never settles must not hold a request forever.
        if (outcome instanceof Promise) await Promise.race([outcome, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`took longer than ${HOOK_TIMEOUT_MS} ms`)), HOOK_TIMEOUT_MS)))])
      } catch (error) {
        this.log.warn(`hook ${hook.name} of plugin ${hook.plugin} failed on ${context.event}`, error)
      } finally {
        clearTimeout(timer)
      }
    }
  }
}
