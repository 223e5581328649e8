import { expect, test } from "bun:test"
import { encodeReasoningSignature } from "~/formats/openai-responses/reasoning-carrier"
import type { ConversionWarning } from "~/formats/types"
import { dropForeignReasoning } from "../../../plugins/claude_api/foreign-reasoning"

test("OpenAI reasoning carried in thinking blocks is removed before Anthropic; empty turns go and neighbours merge", () => {
  const carrier = { type: "thinking", thinking: "t", signature: encodeReasoningSignature({ type: "reasoning", id: "rs_1", summary: [], encrypted_content: "enc" } as never) }
  const own = { type: "thinking", thinking: "mine", signature: "EqQBCkgIARABGAIiQ..." }
  const body: Record<string, unknown> = {
    messages: [
      { role: "user", content: "q1" },
      { role: "assistant", content: [carrier] },
      { role: "user", content: [{ type: "text", text: "q2" }] },
      { role: "assistant", content: [own, carrier, { type: "text", text: "a2" }] },
    ],
  }
  const warnings: ConversionWarning[] = []
  dropForeignReasoning(body, warnings)
  expect(body.messages).toEqual([
    { role: "user", content: "q1" },
    { role: "user", content: [{ type: "text", text: "q2" }] },
    { role: "assistant", content: [own, { type: "text", text: "a2" }] },
  ])
  expect(warnings).toHaveLength(1)
})

test("a conversation without carriers is left as it is", () => {
  const messages = [{ role: "user", content: [{ type: "text", text: "hi" }] }]
  const body: Record<string, unknown> = { messages }
  const warnings: ConversionWarning[] = []
  dropForeignReasoning(body, warnings)
  expect(body.messages).toBe(messages)
  expect(warnings).toEqual([])
})
