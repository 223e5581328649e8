import { expect, test } from "bun:test"
import { Value } from "@sinclair/typebox/value"
import { ANTHROPIC_THINKING_PREFIX } from "~/formats/openai-responses/reasoning-carrier"
import { createConversionContext } from "~/formats/types"
import { codexConfig } from "../../../plugins/codex/config"
import { prepareCodexBody } from "../../../plugins/codex/prepare-body"

const defaults = Value.Create(codexConfig)

const prepare = (body: Record<string, unknown>, overrides: Partial<typeof defaults> = {}) => {
  const ctx = createConversionContext(body)
  const out = prepareCodexBody(structuredClone(body), { ...defaults, ...overrides }, ctx)
  return { out, warnings: ctx.warnings }
}

test("defaults are what the ChatGPT backend needs", () => {
  expect(defaults.base_url).toBe("https://chatgpt.com/backend-api/codex")
  expect(defaults.instructions.length).toBeLessThan(200)
})

test("system and developer items, string and list content, go into instructions in order", () => {
  const { out } = prepare({
    model: "gpt-5.3-codex",
    instructions: "Client instructions.",
    input: [
      { type: "message", role: "developer", content: [{ type: "input_text", text: "Dev one." }, { type: "input_text", text: "Dev two." }] },
      { role: "system", content: "System as a string." },
      { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] },
      { type: "message", role: "developer", content: "Late developer note." },
    ],
  })
  expect(out.instructions).toBe("Client instructions.\n\nDev one.\n\nDev two.\n\nSystem as a string.\n\nLate developer note.")
  expect(out.input).toEqual([{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }])
})

test("billing header lines leave the instructions; the small default fills in when nothing is left", () => {
  const { out } = prepare({ input: [{ role: "system", content: "x-anthropic-billing-header: cc_version=2.1; cch=abc;\nBe brief." }] })
  expect(out.instructions).toBe("Be brief.")
  expect(prepare({ input: "hello" }).out).toMatchObject({ instructions: defaults.instructions, input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hello" }] }] })
  expect("instructions" in prepare({ input: "hello" }, { instructions: "" }).out).toBe(false)
})

test("fields the backend rejects are removed, each with a warning; stream and store are forced", () => {
  const { out, warnings } = prepare({ model: "m", input: "x", max_output_tokens: 10, temperature: 0.2, top_p: 1, metadata: { a: 1 }, safety_identifier: "s", store: true, stream: false })
  for (const field of ["max_output_tokens", "temperature", "top_p", "metadata", "safety_identifier"]) expect(field in out).toBe(false)
  expect(out.stream).toBe(true)
  expect(out.store).toBe(false)
  expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
    "field_dropped max_output_tokens", "field_dropped temperature", "field_dropped top_p", "field_dropped metadata", "field_dropped safety_identifier", "value_changed store",
  ])
})

test("running prepare twice (the retry after a 401) does not repeat warnings", () => {
  const body = { input: "x", temperature: 1 }
  const ctx = createConversionContext(body)
  prepareCodexBody(structuredClone(body), defaults, ctx)
  prepareCodexBody(structuredClone(body), defaults, ctx)
  expect(ctx.warnings).toHaveLength(1)
})

test("tools are never added, and the client's are kept as sent", () => {
  expect("tools" in prepare({ input: "hi" }).out).toBe(false)
  const tools = [{ type: "function", name: "f", parameters: {} }, { type: "web_search" }]
  expect(prepare({ input: "hi", tools }).out.tools).toEqual(tools)
})

test("reasoning defaults apply only when the client sent none; encrypted reasoning is requested", () => {
  expect(prepare({ input: "x" }).out).toMatchObject({ reasoning: { summary: "auto" }, include: ["reasoning.encrypted_content"] })
  expect(prepare({ input: "x" }, { reasoning_effort: "high" }).out.reasoning).toEqual({ effort: "high", summary: "auto" })
  expect(prepare({ input: "x", reasoning: { effort: "low" }, include: ["message.output_text.logprobs"] }).out).toMatchObject({
    reasoning: { effort: "low" },
    include: ["message.output_text.logprobs", "reasoning.encrypted_content"],
  })
  const none = prepare({ input: "x" }, { reasoning_summary: "" }).out
  expect("reasoning" in none || "include" in none).toBe(false)
  expect(prepare({ input: "x", include: ["reasoning.encrypted_content"] }).out.include).toEqual(["reasoning.encrypted_content"])
})

test("prompt_cache_key: the client's is kept; otherwise the same for every turn of a conversation, never random", () => {
  expect(prepare({ input: "x", prompt_cache_key: "client-key" }).out.prompt_cache_key).toBe("client-key")
  const turn1 = { instructions: "Be brief.", input: [{ type: "message", role: "user", content: "first question" }] }
  const turn2 = { ...turn1, input: [...turn1.input, { type: "message", role: "assistant", content: "answer" }, { type: "message", role: "user", content: "next" }] }
  const key = prepare(turn1).out.prompt_cache_key
  expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  expect(prepare(turn1).out.prompt_cache_key).toBe(key)
  expect(prepare(turn2).out.prompt_cache_key).toBe(key)
  expect(prepare({ ...turn1, instructions: "Other." }).out.prompt_cache_key).not.toBe(key)
})

test("item_reference items and Claude thinking carriers are dropped with a warning; OpenAI reasoning stays", () => {
  const reasoning = { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "gAAAA-openai" }
  const claude = { type: "reasoning", id: "rs_2", summary: [{ type: "summary_text", text: "t" }], encrypted_content: `${ANTHROPIC_THINKING_PREFIX}eyJ9` }
  const { out, warnings } = prepare({ input: [{ type: "item_reference", id: "msg_1" }, claude, reasoning, { type: "message", role: "user", content: "hi" }] })
  expect(out.input).toEqual([reasoning, { type: "message", role: "user", content: "hi" }])
  expect(warnings.map((w) => w.path)).toEqual(["input[0]", "input[1]"])
})
