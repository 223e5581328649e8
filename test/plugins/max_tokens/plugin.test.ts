import { afterEach, describe, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HookEvent } from "~/core/plugins/hook-events"
import type { FormatId } from "~/formats/types"
import { lookupLimits, MODEL_LIMITS } from "../../../plugins/max_tokens/limits"
import { factory } from "../../../plugins/max_tokens/plugin"
import { sseResponse } from "../../helpers/fake-server"
import { anthropicReply, startProxy } from "../../helpers/proxy-harness"

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

async function limitedProxy(options: { settings?: Record<string, unknown>; providerFormat?: FormatId; upstreamPath?: string; upstream?: (request: Request) => Response } = {}) {
  const proxy = await startProxy({
    upstream: options.upstream ?? (() => anthropicReply()),
    plugins: [factory],
    providerFormat: options.providerFormat,
    upstreamPath: options.upstreamPath,
    settings: { "plugins.max_tokens.enabled": true, ...options.settings },
  })
  stops.push(proxy.stop)
  const sent = async (index = 0) => JSON.parse(await proxy.fake.requests[index]!.text()) as Record<string, any>
  return { ...proxy, sent }
}

const messages = (extra: Record<string, unknown>) => ({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "hi" }], ...extra })
const WARNINGS = "x-ccproxy-warnings"

describe("Anthropic upstream", () => {
  test("a max_tokens above the model's limit is capped and the header says so", async () => {
    const { post, sent } = await limitedProxy()
    const response = await post("/fake/v1/messages", messages({ max_tokens: 100_000 }))
    expect(response.status).toBe(200)
    expect((await sent()).max_tokens).toBe(64_000)
    expect(response.headers.get(WARNINGS)).toBe("value_clamped max_tokens")
  })

  test("on a stream too", async () => {
    const { post, sent } = await limitedProxy({ upstream: () => sseResponse([`event: message_stop\ndata: {"type":"message_stop"}\n\n`]) })
    const response = await post("/fake/v1/messages", messages({ max_tokens: 100_000, stream: true }))
    await response.text()
    expect((await sent()).max_tokens).toBe(64_000)
    expect(response.headers.get(WARNINGS)).toBe("value_clamped max_tokens")
  })

  test("a missing max_tokens gets the model's limit; a value within it is left alone, without a warning", async () => {
    const { post, sent } = await limitedProxy()
    const filled = await post("/fake/v1/messages", messages({ model: "claude-opus-4-6-20260101" }))
    expect((await sent(0)).max_tokens).toBe(128_000)
    expect(filled.headers.get(WARNINGS)).toBe("value_changed max_tokens")
    const untouched = await post("/fake/v1/messages", messages({ max_tokens: 1000 }))
    expect((await sent(1)).max_tokens).toBe(1000)
    expect(untouched.headers.get(WARNINGS)).toBeNull()
  })

  test("an unknown model: a missing value gets fallback_max_tokens, a large one is not capped", async () => {
    const { post, sent } = await limitedProxy({ settings: { "plugins.max_tokens.fallback_max_tokens": 5000 } })
    await post("/fake/v1/messages", messages({ model: "claude-opus-4-8" }))
    expect((await sent(0)).max_tokens).toBe(5000)
    await post("/fake/v1/messages", messages({ model: "claude-opus-4-8", max_tokens: 500_000 }))
    expect((await sent(1)).max_tokens).toBe(500_000)
  })

  test("a thinking budget is kept below a capped max_tokens", async () => {
    const { post, sent } = await limitedProxy()
    const response = await post("/fake/v1/messages", messages({ max_tokens: 100_000, thinking: { type: "enabled", budget_tokens: 80_000 } }))
    expect(await sent()).toMatchObject({ max_tokens: 64_000, thinking: { type: "enabled", budget_tokens: 63_999 } })
    expect(response.headers.get(WARNINGS)).toBe("value_clamped max_tokens; value_clamped thinking.budget_tokens")
  })

  test("the Claude 3.7 128k output beta raises that model's limit", async () => {
    const { app } = await limitedProxy()
    const prepared = (beta: string) => ({
      url: "https://api.anthropic.com/v1/messages",
      headers: new Headers(beta ? { "anthropic-beta": beta } : {}),
      body: messages({ model: "claude-3-7-sonnet-20250219", max_tokens: 200_000 }),
      provider_format: "anthropic.messages",
      warnings: [],
    })
    const withBeta = await app.system.core.hooks.emitAndWait(HookEvent.PROVIDER_REQUEST_PREPARED, prepared("output-128k-2025-02-19"), { provider: "claude_api" })
    const without = await app.system.core.hooks.emitAndWait(HookEvent.PROVIDER_REQUEST_PREPARED, prepared(""), { provider: "claude_api" })
    expect([(withBeta.data.body as any).max_tokens, (without.data.body as any).max_tokens]).toEqual([128_000, 64_000])
    expect(withBeta.data.warnings).toEqual([{ code: "value_clamped", path: "max_tokens", message: expect.stringContaining("capped to 128000") }])
  })

  test("a call retried after a 401 reports its change once", async () => {
    let calls = 0
    const { post, sent } = await limitedProxy({ upstream: () => (++calls === 1 ? Response.json({ type: "error", error: { type: "authentication_error", message: "expired" } }, { status: 401 }) : anthropicReply()) })
    const response = await post("/fake/v1/messages", messages({ max_tokens: 100_000 }))
    expect(response.status).toBe(200)
    expect((await sent(1)).max_tokens).toBe(64_000)
    expect(response.headers.get(WARNINGS)).toBe("value_clamped max_tokens")
  })

  test("only target_providers when apply_to_all_providers is false", async () => {
    const { post, sent } = await limitedProxy({ settings: { "plugins.max_tokens.apply_to_all_providers": false, "plugins.max_tokens.target_providers": ["claude_api"] } })
    await post("/fake/v1/messages", messages({ max_tokens: 100_000 }))
    expect((await sent()).max_tokens).toBe(100_000)
  })

  test("a limits file adds and overrides models", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "limits-")), "token_limits.json")
    writeFileSync(file, JSON.stringify({ _metadata: {}, "claude-sonnet-4-6": { max_output_tokens: 2000, max_input_tokens: 200000 }, "my-model": { max_output_tokens: 300 } }))
    const { post, sent } = await limitedProxy({ settings: { "plugins.max_tokens.default_token_limits_file": file } })
    await post("/fake/v1/messages", messages({ max_tokens: 10_000 }))
    await post("/fake/v1/messages", messages({ model: "my-model", max_tokens: 10_000 }))
    expect([(await sent(0)).max_tokens, (await sent(1)).max_tokens]).toEqual([2000, 300])
  })
})

describe("OpenAI upstreams", () => {
  const responsesReply = () => Response.json({ id: "resp_1", object: "response", status: "completed", model: "gpt-5.3-codex", output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } })
  const codex = { providerFormat: "openai.responses" as const, upstreamPath: "/backend-api/codex/responses", upstream: responsesReply }

  test("the ChatGPT backend never gets a max_output_tokens it did not have, even in enforce mode", async () => {
    const { post, sent } = await limitedProxy({ ...codex, settings: { "plugins.max_tokens.enforce_mode": true } })
    const response = await post("/fake/v1/responses", { model: "gpt-5.3-codex", input: "hi" })
    expect(response.status).toBe(200)
    expect("max_output_tokens" in (await sent())).toBe(false)
    expect(response.headers.get(WARNINGS)).toBeNull()
  })

  test("a Responses max_output_tokens above the limit is capped", async () => {
    const { post, sent } = await limitedProxy(codex)
    const response = await post("/fake/v1/responses", { model: "gpt-5.3-codex", input: "hi", max_output_tokens: 500_000 })
    expect((await sent()).max_output_tokens).toBe(128_000)
    expect(response.headers.get(WARNINGS)).toBe("value_clamped max_output_tokens")
  })

  test("Chat Completions: present limits are capped, absent ones stay absent", async () => {
    const chatReply = () => Response.json({ id: "c", object: "chat.completion", model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })
    const { post, sent } = await limitedProxy({ providerFormat: "openai.chat_completions", upstreamPath: "/v1/chat/completions", upstream: chatReply })
    await post("/fake/v1/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], max_completion_tokens: 999_999 })
    await post("/fake/v1/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })
    expect((await sent(0)).max_completion_tokens).toBe(16_384)
    const second = await sent(1)
    expect("max_tokens" in second || "max_completion_tokens" in second).toBe(false)
  })
})

test("lookup: exact ids, dated and -latest ids, and nothing looser", () => {
  expect(lookupLimits("claude-haiku-4-5-20251001", MODEL_LIMITS)?.maxOutput).toBe(64_000)
  expect(lookupLimits("claude-3-5-haiku-latest", MODEL_LIMITS)?.maxOutput).toBe(8_192)
  expect(lookupLimits("gpt-4o-2024-08-06", MODEL_LIMITS)?.maxOutput).toBe(16_384)
  expect(lookupLimits("claude-opus-4-8", MODEL_LIMITS)).toBeUndefined()
  expect(lookupLimits("gpt-5.4", MODEL_LIMITS)).toBeUndefined()
})
