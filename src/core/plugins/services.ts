/** Services plugins provide to one another by name (the seed's service registry). */
export class ServiceRegistry {
  private readonly services = new Map<string, { instance: unknown; plugin: string }>()

  register(name: string, instance: unknown, plugin: string): void {
    const existing = this.services.get(name)
    if (existing) throw new Error(`service ${name} is already provided by plugin ${existing.plugin}`)
    this.services.set(name, { instance, plugin })
  }

  get<T>(name: string): T | undefined {
    return this.services.get(name)?.instance as T | undefined
  }

  has(name: string): boolean {
    return this.services.has(name)
  }

  unregisterPlugin(plugin: string): void {
    for (const [name, entry] of this.services) if (entry.plugin === plugin) this.services.delete(name)
  }

  /** service name → providing plugin, for /plugins/status. */
  providers(): Record<string, string> {
    return Object.fromEntries([...this.services].map(([name, entry]) => [name, entry.plugin]))
  }
}
