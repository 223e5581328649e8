import { expect, test } from "bun:test"
import { toAnthropicToolUseId, toResponsesCallId } from "~/formats/shared/tool-call-id"

test("valid ids pass unchanged; others are hashed deterministically into the allowed shape", () => {
  expect(toResponsesCallId("call_abc")).toBe("call_abc")
  expect(toAnthropicToolUseId("toolu_01A-b")).toBe("toolu_01A-b")
  const long = "x".repeat(100)
  expect(toResponsesCallId(long)).toMatch(/^call_[0-9a-f]{40}$/)
  expect(toResponsesCallId(long)).toBe(toResponsesCallId(long))
  expect(toAnthropicToolUseId("call:weird/id")).toMatch(/^toolu_[0-9a-f]{40}$/)
  expect(toAnthropicToolUseId("call:weird/id")).not.toBe(toAnthropicToolUseId("call:weird/ie"))
})
