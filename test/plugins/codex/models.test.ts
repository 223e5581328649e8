import { afterEach, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createModelMapper } from "~/providers/model-map"
import { DEFAULT_CODEX_MODEL, DEFAULT_MODEL_RULES } from "../../../plugins/codex/models"
import { codexModelsList, readModelsCache } from "../../../plugins/codex/models-list"
import { capturedRequest, startCodexHarness, type CodexHarness } from "./harness"

let harness: CodexHarness | undefined
afterEach(() => harness?.stop())

test("Claude Code's models and retired OpenAI names go to a Codex model; GPT-5 and Codex names pass through", () => {
  const map = createModelMapper(DEFAULT_MODEL_RULES)
  expect(map(capturedRequest("claude-code-2.1.197-p-hi.json").body.model)).toBe(DEFAULT_CODEX_MODEL)
  for (const model of ["claude-haiku-4-5-20251001", "claude-sonnet-4-5", "opus", "haiku", "gpt-4o", "gpt-4.1-mini", "o3-mini", "o4-mini"]) expect(map(model)).toBe(DEFAULT_CODEX_MODEL)
  for (const model of ["gpt-5-codex", "gpt-5.3-codex", "gpt-5.2", "gpt-5.1-codex-mini", "codex-mini-latest"]) expect(map(model)).toBe(model)
})

const CACHE = {
  fetched_at: "2026-11-20T00:00:00Z",
  models: [
    { slug: "gpt-5.4", display_name: "GPT-5.4", visibility: "list", priority: 2 },
    { slug: "codex-auto-review", display_name: "Codex Auto Review", visibility: "hide", priority: 40 },
    { slug: "gpt-5.3-codex", display_name: "GPT-5.3 Codex", visibility: "list", priority: 1 },
  ],
}

function writeCache(): string {
  const dir = mkdtempSync(join(tmpdir(), "codex-cache-"))
  writeFileSync(join(dir, "models_cache.json"), JSON.stringify(CACHE))
  return dir
}

test("the list: configured ids first, then the cache's listed models by priority; the cache entries as the Codex CLI reads them", () => {
  const cache = readModelsCache(join(writeCache(), "models_cache.json"))
  const list = codexModelsList(["gpt-5.3-codex", "gpt-5.2"], cache)
  expect((list.data as { id: string }[]).map((model) => model.id)).toEqual(["gpt-5.3-codex", "gpt-5.2", "gpt-5.4"])
  expect(list.models).toEqual(CACHE.models)
  expect(readModelsCache("/nonexistent/models_cache.json")).toEqual([])
  expect("models" in codexModelsList(["a"], [])).toBe(false)
})

test("GET /codex/v1/models reads $CODEX_HOME/models_cache.json, and both SDK shapes are there", async () => {
  const previous = process.env.CODEX_HOME
  process.env.CODEX_HOME = writeCache()
  try {
    harness = await startCodexHarness()
    const body = (await (await harness.app.request("/codex/v1/models")).json()) as Record<string, any>
    expect(body).toMatchObject({ object: "list", has_more: false, first_id: "gpt-5.3-codex" })
    expect(body.data.map((model: { id: string }) => model.id)).toEqual(["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.2", "gpt-5.4"])
    expect(body.data[0]).toMatchObject({ object: "model", type: "model", owned_by: "openai" })
    expect(body.models).toHaveLength(3)
  } finally {
    if (previous === undefined) delete process.env.CODEX_HOME
    else process.env.CODEX_HOME = previous
  }
})
