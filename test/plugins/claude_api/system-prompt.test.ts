import { expect, test } from "bun:test"
import { CLAUDE_CODE_IDENTITY, prepareSystem, withoutBillingLines } from "../../../plugins/claude_api/system-prompt"
import { fixSamplingParameters } from "../../../plugins/claude_api/prepare"
import { mergeBetas } from "../../../plugins/claude_api/headers"

test("billing header lines are removed; a block left empty is dropped", () => {
  const blocks = [
    { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.197.0df; cc_entrypoint=sdk-cli;" },
    { type: "text", text: "keep me\nX-Anthropic-Billing-Header: cch=abc\nand me", cache_control: { type: "ephemeral" } },
  ]
  expect(withoutBillingLines(blocks)).toEqual([{ type: "text", text: "keep me\nand me", cache_control: { type: "ephemeral" } }])
})

test("the identity block goes first for non-Claude-Code clients", () => {
  expect(prepareSystem(undefined, "minimal", "")).toEqual([{ type: "text", text: CLAUDE_CODE_IDENTITY }])
  expect(prepareSystem("Be brief.", "minimal", "")).toEqual([{ type: "text", text: CLAUDE_CODE_IDENTITY }, { type: "text", text: "Be brief." }])
  expect(prepareSystem("Be brief.", "full", "CAPTURED")).toEqual([{ type: "text", text: CLAUDE_CODE_IDENTITY }, { type: "text", text: "CAPTURED" }, { type: "text", text: "Be brief." }])
})

test("not duplicated when Claude Code already sent an identity; untouched with mode none", () => {
  const fromClaudeCode = [{ type: "text", text: "x-anthropic-billing-header: cch=1;" }, { type: "text", text: "You are a Claude agent, built on Anthropic's Claude Agent SDK." }]
  expect(prepareSystem(fromClaudeCode, "minimal", "")).toEqual([fromClaudeCode[1]])
  const cli = [{ type: "text", text: `${CLAUDE_CODE_IDENTITY}\nmore` }]
  expect(prepareSystem(cli, "minimal", "")).toBe(cli)
  expect(prepareSystem("plain", "none", "")).toBe("plain")
  expect(prepareSystem(undefined, "none", "")).toBeUndefined()
})

test("anthropic-beta: the client's tags in order, plus only the OAuth ones", () => {
  expect(mergeBetas("context-1m-2025-08-07, claude-code-20250219,effort-2025-11-24")).toBe("context-1m-2025-08-07,claude-code-20250219,effort-2025-11-24,oauth-2025-04-20")
  expect(mergeBetas(null)).toBe("claude-code-20250219,oauth-2025-04-20")
})

test("null temperature is dropped; temperature wins over top_p", () => {
  const body: Record<string, unknown> = { temperature: null, top_p: 0.9 }
  fixSamplingParameters(body)
  expect(body).toEqual({ top_p: 0.9 })
  const both: Record<string, unknown> = { temperature: 0.5, top_p: 0.9 }
  fixSamplingParameters(both)
  expect(both).toEqual({ temperature: 0.5 })
})
