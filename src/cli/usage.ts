import { defineCommand } from "citty"
import { statSync } from "node:fs"
import { loadValidConfig } from "~/config/load"
import { resolvePluginConfig } from "~/config/plugin-config"
import { UsageError } from "~/core/errors"
import { analyticsDatabasePath, openAnalyticsReadOnly } from "../../plugins/analytics/database"
import { usageByModel } from "../../plugins/analytics/usage-summary"
import { usageTable, usageTotals } from "./usage-table"

export interface UsageOptions {
  since: string
  json: boolean
  /** The database file; default: `plugins.analytics.database_path` from the configuration. */
  db?: string
  configPath?: string
  now?: number
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** `30m`, `24h`, `7d` (also `s` and `w`) in milliseconds. */
export function parseSince(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value.trim())
  if (!match || Number(match[1]) <= 0) throw new UsageError(`--since takes a duration like 30m, 24h or 7d, got "${value}"`)
  return Number(match[1]) * UNIT_MS[match[2]!]!
}

async function configuredDatabasePath(configPath: string | undefined): Promise<string> {
  const loaded = loadValidConfig({ configPath })
  const { analyticsConfig } = await import("../../plugins/analytics/config")
  const { config } = resolvePluginConfig(loaded, "analytics", analyticsConfig)
  return analyticsDatabasePath(typeof config.database_path === "string" ? config.database_path : "")
}

/** Prints tokens, cost and requests per model from the analytics database, read-only. */
export async function runUsage(options: UsageOptions): Promise<number> {
  const since = (options.now ?? Date.now()) - parseSince(options.since)
  const path = options.db ?? (await configuredDatabasePath(options.configPath))
  // A file named with --db that is not there is a mistake; the default one is simply not written yet.
  if (options.db !== undefined && !statSync(path, { throwIfNoEntry: false })?.isFile()) throw new Error(`no analytics database at ${path} (--db)`)
  let db: ReturnType<typeof openAnalyticsReadOnly>
  let models: ReturnType<typeof usageByModel> = []
  try {
    db = openAnalyticsReadOnly(path)
    models = db ? usageByModel(db, since) : []
  } catch (error) {
    throw new Error(`cannot read the analytics database ${path}: ${(error as Error).message}`)
  } finally {
    db?.close()
  }
  if (options.json) {
    console.log(JSON.stringify({ since: new Date(since).toISOString(), database: path, models, totals: usageTotals(models) }, null, 2))
    return 0
  }
  if (!db) console.log("no usage recorded yet")
  else if (models.length === 0) console.log(`no usage in the last ${options.since}`)
  else console.log(`usage in the last ${options.since} (since ${new Date(since).toISOString()})\n\n${usageTable(models)}`)
  return 0
}

export const usageCommand = defineCommand({
  meta: { name: "usage", description: "Tokens, cost and requests by model, from the analytics database" },
  args: {
    since: { type: "string", default: "24h", description: "How far back: 30m, 24h, 7d, ..." },
    json: { type: "boolean", description: "Print JSON" },
    db: { type: "string", description: "Analytics database file (default: plugins.analytics.database_path)" },
    config: { type: "string", alias: ["c"], description: "Config file" },
  },
  run: ({ args }) => runUsage({ since: String(args.since ?? "24h"), json: Boolean(args.json), db: args.db as string | undefined, configPath: args.config as string | undefined }),
})
