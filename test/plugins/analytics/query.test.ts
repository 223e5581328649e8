import { afterEach, describe, expect, test } from "bun:test"
import { Database } from "bun:sqlite"
import { factory } from "../../../plugins/analytics/plugin"
import { HookEvent } from "~/core/plugins/hook-events"
import { createTestApp, type InProcessApp } from "../../helpers/test-server"
import { eventually, seedRows, tempDatabasePath } from "./helpers"

const BASE = Date.UTC(2025, 5, 1, 12, 0, 0)
const DAY = 86_400_000

let app: InProcessApp | undefined
afterEach(async () => {
  await app?.system.registry.shutdownAll()
  app = undefined
})

async function start(rows: Parameters<typeof seedRows>[1], settings: Record<string, unknown> = {}) {
  const path = tempDatabasePath()
  seedRows(path, rows)
  app = await createTestApp({ plugins: [factory], settings: { "plugins.analytics.database_path": path, "plugins.analytics.retention_days": 0, ...settings } })
  return { app, path }
}

const get = async (path: string) => {
  const response = await app!.request(path)
  return { status: response.status, body: (await response.json()) as any }
}

/** 25 rows, in pairs sharing a timestamp, so paging has ties to break. */
const TWENTY_FIVE = Array.from({ length: 25 }, (_, i) => ({ request_id: `r${i}`, timestamp: BASE + Math.floor(i / 2) * 1000 }))

describe("GET /logs/query", () => {
  test("cursor paging walks every row once, newest first, through equal timestamps", async () => {
    await start(TWENTY_FIVE)
    const seen: string[] = []
    let cursor = ""
    for (let page = 0; page < 5; page++) {
      const { body } = await get(`/logs/query?limit=10${cursor ? `&cursor=${cursor}` : ""}`)
      seen.push(...body.results.map((row: any) => row.request_id))
      if (!body.has_more) break
      cursor = body.next_cursor
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    expect(seen[0]).toBe("r24")
    expect(seen.at(-1)).toBe("r0")
  })

  test("ascending order and offset paging", async () => {
    await start(TWENTY_FIVE)
    const { body } = await get("/logs/query?order=asc&limit=10&offset=20")
    expect(body.results.map((row: any) => row.request_id)).toEqual(["r20", "r21", "r22", "r23", "r24"])
    expect(body).toMatchObject({ count: 5, has_more: false, next_cursor: null, offset: 20, order: "asc", backend: "sqlite" })
    expect(body.results[0]).toMatchObject({ time: new Date(BASE + 10_000).toISOString(), streaming: false, conversion_warnings: [] })
  })

  test("filters: time range (ISO or epoch), provider lists and negation, model asked or sent, status codes and classes", async () => {
    await start([
      { request_id: "a", timestamp: BASE, provider: "claude_api", model: "sonnet", upstream_model: "claude-sonnet-4-5", status_code: 200 },
      { request_id: "b", timestamp: BASE + 1000, provider: "codex", model: "gpt-5", status_code: 429 },
      { request_id: "c", timestamp: BASE + 2000, provider: "copilot", model: "gpt-4.1", status_code: 500 },
      { request_id: "d", timestamp: BASE + 3000, provider: "claude_api", model: "opus", status_code: 200, conversion_warnings: '[{"code":"field_dropped"}]' },
    ])
    const ids = async (query: string) => (await get(`/logs/query?order=asc&${query}`)).body.results.map((row: any) => row.request_id).join("")
    expect(await ids(`start=${new Date(BASE + 1000).toISOString()}&end=${(BASE + 3000) / 1000}`)).toBe("bc")
    expect(await ids(`start_time=${BASE + 2000}`)).toBe("cd")
    expect(await ids("provider=codex,copilot")).toBe("bc")
    expect(await ids("provider=!claude_api")).toBe("bc")
    expect(await ids("model=claude-sonnet-4-5")).toBe("a")
    expect(await ids("model=sonnet,opus")).toBe("ad")
    expect(await ids("model=!gpt-5")).toBe("acd")
    expect(await ids("status=4xx,500")).toBe("bc")
    expect(await ids("status=200&provider=claude_api")).toBe("ad")
    expect((await get("/logs/query?request_id=d&provider=claude_api&order=desc&limit=1")).body.results[0].conversion_warnings).toEqual([{ code: "field_dropped" }])
  })

  test("bad parameters are 400s naming the parameter", async () => {
    await start([])
    for (const query of ["limit=0", "limit=10001", "order=sideways", "cursor=zzz", "cursor=1_1&offset=2", "end=never", "status=abc"]) {
      const { status, body } = await get(`/logs/query?${query}`)
      expect(status).toBe(400)
      expect(body.error.message).toMatch(/limit|order|cursor|end|status/)
    }
  })
})

describe("reset, retention, auth", () => {
  test("POST /logs/reset deletes every row and what is still waiting to be written", async () => {
    const { path } = await start(TWENTY_FIVE, { "plugins.analytics.flush_interval": 60 })
    app!.system.core.hooks.emit(HookEvent.REQUEST_COMPLETED, { path: "/claude/v1/messages", provider: "claude_api", response_status: 200 }, { requestId: "pending" })
    await eventually(async () => ((await (await app!.request("/plugins/analytics/health")).json()) as any).details?.pending || undefined)
    const reset = await app!.request("/logs/reset", { method: "POST" })
    expect(await reset.json()).toMatchObject({ status: "success", deleted: 25, backend: "sqlite" })
    await app!.system.registry.shutdownAll()
    const db = new Database(path, { readonly: true })
    expect(db.query("SELECT COUNT(*) AS n FROM access_logs").get()).toEqual({ n: 0 })
    db.close()
  })

  test("retention runs when the database is first opened (here by a report) and deletes rows older than retention_days", async () => {
    const now = Date.now()
    const { path } = await start(
      [
        { request_id: "old", timestamp: now - 40 * DAY },
        { request_id: "recent", timestamp: now - 29 * DAY },
      ],
      { "plugins.analytics.retention_days": 30 },
    )
    await get("/logs/query")
    await eventually(() => {
      const db = new Database(path, { readonly: true })
      const ids = db.query<{ request_id: string }, []>("SELECT request_id FROM access_logs").all().map((row) => row.request_id)
      db.close()
      return ids.length === 1 ? ids : undefined
    })
    expect((await get("/logs/query")).body.results.map((row: any) => row.request_id)).toEqual(["recent"])
  })

  test("retention_days = 0 keeps everything", async () => {
    await start([{ timestamp: 0 }])
    const entry = app!.system.registry.get("analytics")!
    await factory.manifest.tasks![0]!.run(entry.context as never)
    expect((await get("/logs/query")).body.count).toBe(1)
  })

  test("with security.auth_token set, /logs needs it", async () => {
    await start([], { "security.auth_token": "secret-token" })
    expect((await app!.request("/logs/query")).status).toBe(401)
    expect((await app!.request("/logs/reset", { method: "POST" })).status).toBe(401)
    expect((await app!.request("/logs/query", { headers: { authorization: "Bearer secret-token" } })).status).toBe(200)
  })
})
