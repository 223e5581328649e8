import type { Logger } from "~/core/log"

export interface ScheduledTask {
  name: string
  plugin: string
  intervalSeconds: number
  runOnStart: boolean
  run: () => Promise<void> | void
}

const MAX_BACKOFF_FACTOR = 64

/**
 * Runs plugin tasks on their intervals. After a failure the next run waits
 * interval × 2^failures (capped at 64×); a success resets it. `stop` cancels every timer
 * and waits for runs in progress.
 */
export class TaskScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly failures = new Map<string, number>()
  private readonly running = new Set<Promise<void>>()
  private stopped = false

  constructor(private readonly log: Logger) {}

  start(task: ScheduledTask): void {
    this.schedule(task, task.runOnStart ? 0 : task.intervalSeconds * 1000)
  }

  consecutiveFailures(name: string): number {
    return this.failures.get(name) ?? 0
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await Promise.allSettled([...this.running])
  }

  private schedule(task: ScheduledTask, delayMs: number): void {
    if (this.stopped) return
    const timer = setTimeout(() => {
      const run = this.runOnce(task)
      this.running.add(run)
      void run.finally(() => this.running.delete(run))
    }, delayMs)
    timer.unref?.()
    this.timers.set(task.name, timer)
  }

  private async runOnce(task: ScheduledTask): Promise<void> {
    try {
      await task.run()
      this.failures.delete(task.name)
    } catch (error) {
      const failures = (this.failures.get(task.name) ?? 0) + 1
      this.failures.set(task.name, failures)
      this.log.warn(`task ${task.name} of plugin ${task.plugin} failed (${failures} in a row)`, error)
    }
    const factor = Math.min(2 ** (this.failures.get(task.name) ?? 0), MAX_BACKOFF_FACTOR)
    this.schedule(task, task.intervalSeconds * 1000 * factor)
  }
}
