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

function hookContext(event: HookEventName, data: Record<string, unknown>, extra: Partial<HookContext> | undefined): HookContext {
  const context: HookContext = { event, timestamp: Date.now(), data }
  return extra ? Object.assign(context, extra) : context
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
  emit(event: HookEventName, data: Record<string, unknown>, extra?: Partial<HookContext>): void {
    const hooks = this.byEvent.get(event)
    if (!hooks?.length) return
    this.queued.push(hooks, hookContext(event, data, extra))
    if (this.queued.length === 2) setImmediate(this.runQueued)
  }

  // Events emitted in one turn of the event loop share one setImmediate: under load that is
  // one callback for dozens of events instead of one each. Pairs of (hooks, context).
  private queued: Array<RegisteredHook[] | HookContext> = []
  private readonly runQueued = () => {
    const queued = this.queued
    this.queued = []
    for (let i = 0; i < queued.length; i += 2) void this.run(queued[i] as RegisteredHook[], queued[i + 1] as HookContext)
  }

  /** Runs hooks in priority order and waits for them; they may mutate `context.data`. */
  async emitAndWait(event: HookEventName, data: Record<string, unknown>, extra?: Partial<HookContext>): Promise<HookContext> {
    const context = hookContext(event, data, extra)
    const hooks = this.byEvent.get(event)
    if (hooks?.length) await this.run(hooks, context)
    return context
  }

  /** Runs hooks in order; synchronous hooks cost no promise, the first async one hands the rest to `runFrom`. */
  private run(hooks: RegisteredHook[], context: HookContext): Promise<void> | undefined {
    for (let i = 0; i < hooks.length; i++) {
      let outcome: void | Promise<void>
      try {
        outcome = hooks[i].handler(context)
      } catch (error) {
        this.failed(hooks[i], context, error)
        continue
      }
      if (outcome instanceof Promise) return this.runFrom(hooks, i, outcome, context)
    }
    return undefined
  }

  private async runFrom(hooks: RegisteredHook[], index: number, pending: Promise<void>, context: HookContext): Promise<void> {
    await this.settle(hooks[index], pending, context)
    for (let i = index + 1; i < hooks.length; i++) {
      try {
        const outcome = hooks[i].handler(context)
        if (outcome instanceof Promise) await this.settle(hooks[i], outcome, context)
      } catch (error) {
        this.failed(hooks[i], context, error)
      }
    }
  }

  /** Waits for an async hook, but not forever: a hook that never settles must not hold a request. */
  private async settle(hook: RegisteredHook, outcome: Promise<void>, context: HookContext): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      await Promise.race([outcome, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`took longer than ${HOOK_TIMEOUT_MS} ms`)), HOOK_TIMEOUT_MS)))])
    } catch (error) {
      this.failed(hook, context, error)
    } finally {
      clearTimeout(timer)
    }
  }

  private failed(hook: RegisteredHook, context: HookContext, error: unknown): void {
    this.log.warn(`hook ${hook.name} of plugin ${hook.plugin} failed on ${context.event}`, error)
  }
}
