import { expect, test } from "bun:test"
import { createModelMapper } from "~/providers/model-map"
import { restoreModelInJson, restoreModelInText } from "~/providers/model-restore"
import { DEFAULT_MODEL_RULES } from "../../plugins/claude_api/models"

test("rules: exact, prefix, suffix, regex; first match wins; no match passes through", () => {
  const map = createModelMapper([
    { match: "a", target: "exact", kind: "exact" },
    { match: "pre-", target: "prefix", kind: "prefix" },
    { match: "-suf", target: "suffix", kind: "suffix" },
    { match: "^r\\d+$", target: "regex", kind: "regex" },
    { match: "pre-x", target: "never", kind: "exact" },
  ])
  expect(["a", "pre-x", "x-suf", "r12", "other"].map(map)).toEqual(["exact", "prefix", "suffix", "regex", "other"])
})

test("Claude defaults: short names and OpenAI names map, real Claude names pass", () => {
  const map = createModelMapper(DEFAULT_MODEL_RULES)
  expect(map("sonnet")).toBe("claude-sonnet-4-6")
  expect(map("gpt-4o-mini")).toBe("claude-haiku-4-5-20251001")
  expect(map("gpt-4o")).toBe("claude-sonnet-4-6")
  expect(map("o3")).toBe("claude-opus-4-6")
  expect(map("claude-opus-4-8")).toBe("claude-opus-4-8")
})

test("the requested model name is put back into encoded events and JSON bodies", () => {
  const text = 'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-sonnet-4-6","content":[{"text":"say \\"model\\":\\"x\\""}]}}\n\n'
  expect(restoreModelInText(text, "gpt-4o")).toBe('event: message_start\ndata: {"type":"message_start","message":{"model":"gpt-4o","content":[{"text":"say \\"model\\":\\"x\\""}]}}\n\n')
  expect(restoreModelInJson({ model: "claude-sonnet-4-6", id: "x" }, "sonnet")).toEqual({ model: "sonnet", id: "x" })
})
