import { describe, expect, test } from "bun:test"
import { mapAnthropicStopReason } from "~/formats/convert/anthropic-to-openai-chat/map-anthropic-stop-reason"
import { mapAnthropicToolChoice } from "~/formats/convert/anthropic-to-openai-chat/map-anthropic-tool-choice"
import { mapAnthropicUsage } from "~/formats/convert/anthropic-to-openai-chat/map-anthropic-usage"
import { readReasoningDetails } from "~/formats/convert/anthropic-to-openai-chat/reasoning-details"
import { stripBillingHeader } from "~/formats/convert/anthropic-to-openai-chat/system-text"
import { toAnthropicToolUseId, toOpenAIToolCallId } from "~/formats/convert/anthropic-to-openai-chat/tool-call-id"
import { mapOpenAIFinishReason } from "~/formats/convert/openai-chat-to-anthropic/map-openai-finish-reason"
import { mapOpenAIUsage } from "~/formats/convert/openai-chat-to-anthropic/map-openai-usage"
import { budgetForEffort, effortForBudget, REASONING_BUDGET_TABLE } from "~/formats/shared/reasoning-budget"

describe("enum and usage mappers", () => {
  test("stop_reason ⇄ finish_reason", () => {
    expect(mapAnthropicStopReason("end_turn", false)).toBe("stop")
    expect(mapAnthropicStopReason("stop_sequence", false)).toBe("stop")
    expect(mapAnthropicStopReason("max_tokens", false)).toBe("length")
    expect(mapAnthropicStopReason("model_context_window_exceeded", false)).toBe("length")
    expect(mapAnthropicStopReason("refusal", false)).toBe("content_filter")
    expect(mapAnthropicStopReason("end_turn", true)).toBe("tool_calls")
    expect(mapAnthropicStopReason("something_new", false)).toBe("stop")
    expect(mapOpenAIFinishReason("stop", false)).toBe("end_turn")
    expect(mapOpenAIFinishReason("length", false)).toBe("max_tokens")
    expect(mapOpenAIFinishReason("content_filter", false)).toBe("refusal")
    expect(mapOpenAIFinishReason("tool_calls", true)).toBe("tool_use")
    expect(mapOpenAIFinishReason("stop", true)).toBe("tool_use")
    expect(mapOpenAIFinishReason(null, false)).toBe("end_turn")
  })

  test("usage both ways: prompt_tokens includes cached tokens, input_tokens does not", () => {
    const anthropic = { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 90, cache_creation_input_tokens: 3 }
    const chat = mapAnthropicUsage(anthropic)
    expect(chat).toEqual({ prompt_tokens: 103, completion_tokens: 4, total_tokens: 107, prompt_tokens_details: { cached_tokens: 90, cache_write_tokens: 3 } })
    expect(mapOpenAIUsage(chat)).toEqual(anthropic)
    expect(mapAnthropicUsage({ input_tokens: 1, output_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: 2, ephemeral_1h_input_tokens: 3 } }).prompt_tokens).toBe(6)
    expect(mapOpenAIUsage(undefined)).toEqual({ input_tokens: 0, output_tokens: 0 })
  })

  test("tool_choice", () => {
    expect(mapAnthropicToolChoice({ type: "any" })).toEqual({ toolChoice: "required", parallelToolCalls: undefined })
    expect(mapAnthropicToolChoice({ type: "auto", disable_parallel_tool_use: false })).toEqual({ toolChoice: "auto", parallelToolCalls: true })
  })

  test("tool call ids: valid ids unchanged, others rewritten deterministically and without collisions", () => {
    expect(toAnthropicToolUseId("call_abc-1")).toBe("call_abc-1")
    expect(toOpenAIToolCallId("toolu_01V8FdsLpokGb6tJ3okwkSDe")).toBe("toolu_01V8FdsLpokGb6tJ3okwkSDe")
    const a = toAnthropicToolUseId("fn.get:0")
    expect(a).toMatch(/^[a-zA-Z0-9_-]+$/)
    expect(toAnthropicToolUseId("fn.get:0")).toBe(a)
    expect(toAnthropicToolUseId("fn:get.0")).not.toBe(a)
    expect(toOpenAIToolCallId("x".repeat(100)).length).toBeLessThanOrEqual(40)
    expect(toAnthropicToolUseId("")).toMatch(/^[a-zA-Z0-9_-]+$/)
  })

  test("billing header lines are stripped case-insensitively, other lines kept", () => {
    expect(stripBillingHeader("a\n  X-ANTHROPIC-BILLING-HEADER: cch=1;\nb")).toBe("a\nb")
    expect(stripBillingHeader("mentions x-anthropic-billing-header: inline")).toBe("mentions x-anthropic-billing-header: inline")
  })

  test("reasoning_details: pieces sharing an index merge; foreign formats are counted; LiteLLM thinking_blocks read", () => {
    const read = readReasoningDetails([
      { type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "a" },
      { type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "b", signature: "S" },
      { type: "reasoning.summary", format: "openai-responses-v1", index: 0, summary: "x" },
    ])
    expect(read).toEqual({ blocks: [{ type: "thinking", thinking: "ab", signature: "S" }], foreign: 1 })
    expect(readReasoningDetails(undefined, [{ type: "redacted_thinking", data: "D" }]).blocks).toEqual([{ type: "redacted_thinking", data: "D" }])
  })
})

describe("reasoning budget table", () => {
  test("every effort round-trips through its budget", () => {
    for (const effort of ["minimal", "low", "medium", "high"] as const) {
      expect(effortForBudget(budgetForEffort(effort)!)).toBe(effort)
    }
    expect(budgetForEffort("none")).toBeUndefined()
    expect(budgetForEffort("xhigh")).toBe(REASONING_BUDGET_TABLE.high)
  })

  test("budgets map to the nearest effort", () => {
    expect(effortForBudget(0)).toBe("minimal")
    expect(effortForBudget(2000)).toBe("minimal")
    expect(effortForBudget(2100)).toBe("low")
    expect(effortForBudget(8000)).toBe("medium")
    expect(effortForBudget(31999)).toBe("high")
    expect(effortForBudget(128000)).toBe("high")
  })
})
