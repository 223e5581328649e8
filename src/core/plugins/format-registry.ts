import type { Logger } from "~/core/log"
import type { FormatAdapter, FormatId } from "~/formats/types"

export interface RegisteredFormatAdapter {
  adapter: FormatAdapter
  priority: number
  /** "core" or the plugin that registered it. */
  owner: string
  description?: string
}

/**
 * Format adapters keyed by (from, to). When two claim the same pair the lower priority
 * number wins, and the displacement is logged so nobody wonders which one runs.
 */
export class FormatRegistry {
  private readonly adapters = new Map<string, RegisteredFormatAdapter>()

  constructor(private readonly log: Logger) {}

  register(entry: RegisteredFormatAdapter): void {
    const key = pairKey(entry.adapter.from, entry.adapter.to)
    const current = this.adapters.get(key)
    if (current && current.priority <= entry.priority) {
      this.log.info(`format adapter ${key} from ${entry.owner} (priority ${entry.priority}) ignored: ${current.owner} (priority ${current.priority}) keeps it`)
      return
    }
    if (current) this.log.info(`format adapter ${key} from ${entry.owner} (priority ${entry.priority}) displaces ${current.owner} (priority ${current.priority})`)
    this.adapters.set(key, entry)
  }

  get(from: FormatId, to: FormatId): FormatAdapter | undefined {
    return this.adapters.get(pairKey(from, to))?.adapter
  }

  has(from: FormatId, to: FormatId): boolean {
    return this.adapters.has(pairKey(from, to))
  }

  list(): Array<{ from: FormatId; to: FormatId; owner: string; priority: number }> {
    return [...this.adapters.values()].map(({ adapter, owner, priority }) => ({ from: adapter.from, to: adapter.to, owner, priority }))
  }
}

function pairKey(from: string, to: string): string {
  return `${from}->${to}`
}
