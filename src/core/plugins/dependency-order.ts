export interface DependencyNode {
  name: string
  dependencies: readonly string[]
  optional: readonly string[]
}

export interface DependencyPlan {
  /** Names in an order where every plugin comes after what it depends on. */
  order: string[]
  /** name → why it cannot start (missing dependency, cycle, or a dependency excluded). */
  excluded: Map<string, string>
}

/**
 * Topological order over the enabled plugins. A missing required dependency excludes
 * the plugin and, transitively, its dependents; a cycle excludes its members, naming it.
 * Optional dependencies only order plugins when both are present.
 */
export function planDependencies(nodes: readonly DependencyNode[]): DependencyPlan {
  const byName = new Map(nodes.map((node) => [node.name, node]))
  const excluded = new Map<string, string>()

  let changed = true
  while (changed) {
    changed = false
    for (const node of nodes) {
      if (excluded.has(node.name)) continue
      const missing = node.dependencies.find((dep) => !byName.has(dep))
      const blocked = node.dependencies.find((dep) => excluded.has(dep))
      if (missing) excluded.set(node.name, `missing required dependency ${missing}`)
      else if (blocked) excluded.set(node.name, `dependency ${blocked} is not available`)
      else continue
      changed = true
    }
  }

  const order: string[] = []
  const state = new Map<string, "visiting" | "done">()
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === "done" || excluded.has(name)) return
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name]
      for (const member of cycle) excluded.set(member, `dependency cycle ${cycle.join(" -> ")}`)
      return
    }
    state.set(name, "visiting")
    const node = byName.get(name)!
    for (const dep of [...node.dependencies, ...node.optional.filter((dep) => byName.has(dep))]) visit(dep, [...trail, name])
    state.set(name, "done")
    if (!excluded.has(name)) order.push(name)
  }
  for (const node of nodes) visit(node.name, [])

  // A cycle found late may exclude plugins already ordered, and their dependents.
  const stillBlocked = (name: string): string | undefined => byName.get(name)!.dependencies.find((dep) => excluded.has(dep))
  let filtered = order
  for (let again = true; again; ) {
    again = false
    filtered = filtered.filter((name) => {
      if (excluded.has(name)) return false
      const blocked = stillBlocked(name)
      if (!blocked) return true
      excluded.set(name, `dependency ${blocked} is not available`)
      again = true
      return false
    })
  }
  return { order: filtered, excluded }
}
