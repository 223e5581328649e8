/**
 * The real-client scenarios: which client talks to which ccproxy route, what the fake upstream
 * answers, and what must show in the client's output and in the requests that reached upstream.
 */
import { runAiSdk, runClaudeCode, runCodex, type ClientRun } from "./clients"
import type { Answer, RecordedRequest } from "./fake-upstream"
import type { InstalledClients } from "./install-clients"
import { cutBefore, EXPECTED, recorded, recordedJsonLineStreams, retargetToolCalls, withEventsAfterFirst } from "./streams"

export interface ScenarioContext {
  dir: string
  proxyUrl: string
  clients: InstalledClients
}

export interface Scenario {
  /** Group number from the brief (1-4) plus a letter; selectable by number, id or name part. */
  id: string
  name: string
  answers: () => Answer[]
  run(context: ScenarioContext): Promise<ClientRun>
  /** Problems found; empty means pass. */
  check(run: ClientRun, calls: RecordedRequest[]): string[]
}

/** Printed by the tool the upstream asks for; must come back in the next request. */
const MARKER = "ccproxy-e2e-tool-ran"
const BASH_INPUT = { command: `echo ${MARKER}`, description: "Print a marker" }
const EXEC_INPUT = { cmd: `echo ${MARKER}` }

const ANTHROPIC_TEXT = "anthropic-thinking-tool_use.1.response.sse"
const ANTHROPIC_TOOL = "anthropic-thinking-tool_use.0.response.sse"
const CODEX_TEXT = "ccproxy-api.codex_responses_stream.response.sse"
const CODEX_THINKING = "ccproxy-api.codex_responses_thinking_stream.response.sse"
const CODEX_TOOLS = "ccproxy-api.codex_responses_tools_stream.response.sse"
const ANTHROPIC_PARALLEL_TOOLS = "anthropic-multi_tool.0.response.sse"
const CODEX_ENCRYPTED = "vercel-ai.openai-reasoning-encrypted-content.1.chunks.jsonl"

/** Error texts the fake upstream answers with; each must reach the user. */
const UPSTREAM_FAILURE = "e2e upstream failure 7f3a"
const USAGE_LIMIT = { status: 429, json: { error: { type: "usage_limit_reached", message: `The usage limit has been reached (${UPSTREAM_FAILURE})`, plan_type: "plus", resets_in_seconds: 3600 } } }
const ANTHROPIC_OVERLOADED = { status: 529, json: { type: "error", error: { type: "overloaded_error", message: `Overloaded (${UPSTREAM_FAILURE})` } } }
const RESPONSE_FAILED = { type: "response.failed", response: { id: "resp_e2e_failed", object: "response", status: "failed", output: [], error: { code: "server_error", message: UPSTREAM_FAILURE } } }
const ANTHROPIC_STREAM_ERROR = { type: "error", error: { type: "overloaded_error", message: UPSTREAM_FAILURE } }
const RATE_LIMITS_EVENT = { type: "codex.rate_limits", plan_type: "plus", rate_limits: { allowed: true, limit_reached: false, primary: { used_percent: 12, window_minutes: 300, reset_after_seconds: 9000 }, secondary: null } }

/** Collects failed expectations. */
function expectations() {
  const problems: string[] = []
  const expect = (ok: unknown, problem: string) => void (ok ? undefined : problems.push(problem))
  return { problems, expect }
}

const excerpt = (text: string | undefined) => JSON.stringify(String(text).slice(-300))

// Claude Code stream-json: {type:"assistant"|"user", message:{content:[...]}} lines and one {type:"result"}.
function claudeResult(run: ClientRun) {
  const result = run.events.find((event) => event.type === "result")
  const blocks = (role: string) => run.events.filter((event) => event.type === role).flatMap((event) => (event.message?.content ?? []) as Record<string, any>[])
  return { result, assistant: blocks("assistant"), user: blocks("user") }
}

function checkClaudeCode(run: ClientRun, expectedText: string, expect: (ok: unknown, problem: string) => void) {
  const { result } = claudeResult(run)
  expect(!run.timedOut, "Claude Code timed out")
  expect(run.exitCode === 0, `Claude Code exited with ${run.exitCode}: ${excerpt(run.stderr || run.stdout)}`)
  expect(result && !result.is_error, `Claude Code result is an error: ${excerpt(JSON.stringify(result ?? run.stdout))}`)
  expect(String(result?.result ?? "").includes(expectedText), `Claude Code result lacks ${JSON.stringify(expectedText)}: ${excerpt(String(result?.result ?? run.stdout))}`)
}

// Codex --json: {type:"item.completed", item:{type:"agent_message"|"reasoning"|"command_execution",...}}, {type:"turn.completed"}.
function codexItems(run: ClientRun, type: string): Record<string, any>[] {
  return run.events.filter((event) => event.type === "item.completed" && event.item?.type === type).map((event) => event.item)
}

function checkCodex(run: ClientRun, expectedText: string, expect: (ok: unknown, problem: string) => void) {
  expect(!run.timedOut, "Codex timed out")
  expect(run.exitCode === 0, `Codex exited with ${run.exitCode}: ${excerpt(run.stderr || run.stdout)}`)
  expect(run.events.some((event) => event.type === "turn.completed"), `Codex reported no turn.completed: ${excerpt(run.stdout + run.stderr)}`)
  const failure = run.events.find((event) => event.type === "turn.failed" || event.type === "error")
  expect(!failure, `Codex reported ${excerpt(JSON.stringify(failure))}`)
  const text = codexItems(run, "agent_message").map((item) => String(item.text)).join("\n")
  expect(text.includes(expectedText), `Codex answer lacks ${JSON.stringify(expectedText)}: ${excerpt(text || run.stdout)}`)
}

function checkCalls(calls: RecordedRequest[], count: number, path: string, expect: (ok: unknown, problem: string) => void) {
  expect(calls.length === count, `upstream got ${calls.length} model calls, expected ${count}`)
  for (const call of calls) expect(call.path === path, `upstream call went to ${call.path}, expected ${path}`)
}

/** The text of every tool result in an Anthropic request body. */
const anthropicToolResults = (body: Record<string, any> | undefined): string =>
  JSON.stringify(((body?.messages ?? []) as Record<string, any>[]).flatMap((message) => (Array.isArray(message.content) ? message.content : [])).filter((block) => block.type === "tool_result"))

/** The outputs of every function call in a Responses request body. */
const responsesToolOutputs = (body: Record<string, any> | undefined): string => JSON.stringify(((body?.input ?? []) as Record<string, any>[]).filter((item) => item.type === "function_call_output"))

/**
 * The failure reached the user as a failed run with the upstream's message, or with the text the
 * client itself shows for that error code (the Codex CLI rewrites usage limits and overload).
 */
function checkFailureShown(run: ClientRun, expect: (ok: unknown, problem: string) => void, clientText = UPSTREAM_FAILURE) {
  expect(!run.timedOut, "client timed out")
  const failures = run.events.filter((event) => event.type === "turn.failed" || (event.type === "result" && event.is_error))
  expect(failures.length, `the client reported no failed turn: ${excerpt(run.stdout)}`)
  expect(JSON.stringify(failures).includes(clientText), `the failure does not show ${JSON.stringify(clientText)}: ${excerpt(JSON.stringify(failures))}`)
}

const codexCommandRan = (run: ClientRun, count: number, expect: (ok: unknown, problem: string) => void) => {
  const ran = codexItems(run, "command_execution").filter((item) => String(item.aggregated_output).includes(MARKER))
  expect(ran.length === count, `Codex ran the marker command ${ran.length} times, expected ${count}`)
}

/** AI SDK parts: no `error` part, and the text deltas join into `expectedText`. */
function checkAiSdk(run: ClientRun, expectedText: string, expect: (ok: unknown, problem: string) => void) {
  expect(!run.timedOut, "the AI SDK client timed out")
  expect(run.exitCode === 0, `the AI SDK client exited with ${run.exitCode}: ${excerpt(run.stderr)}`)
  const errors = run.events.filter((part) => part.type === "error" || part.type === "tool-error")
  expect(!errors.length, `the AI SDK reported ${excerpt(JSON.stringify(errors))}`)
  const text = run.events.filter((part) => part.type === "text-delta").map((part) => String(part.text)).join("")
  expect(text.includes(expectedText), `the AI SDK text lacks ${JSON.stringify(expectedText)}: ${excerpt(text || run.stdout)}`)
  expect(run.events.some((part) => part.type === "finish"), "the AI SDK stream has no finish part")
}

const claudeToolRoundTrip = (run: ClientRun, expect: (ok: unknown, problem: string) => void) => {
  const { assistant, user } = claudeResult(run)
  expect(assistant.some((block) => block.type === "tool_use" && block.name === "Bash"), "Claude Code saw no Bash tool_use")
  expect(JSON.stringify(user.filter((block) => block.type === "tool_result")).includes(MARKER), `Claude Code's tool_result lacks the marker: ${excerpt(JSON.stringify(user))}`)
}

export const SCENARIOS: Scenario[] = [
  {
    id: "1a",
    name: "claude-code -> /claude -> anthropic: text",
    answers: () => [recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/claude`, "hi"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.anthropicText, expect)
      checkCalls(calls, 1, "/v1/messages", expect)
      const call = calls[0]
      expect(call?.headers.authorization === "Bearer sk-ant-oat01-e2e", `upstream authorization is ${call?.headers.authorization}, expected the subscription token`)
      expect(!call?.headers["x-api-key"], "the client's x-api-key reached upstream")
      expect(call?.headers["anthropic-beta"]?.includes("claude-code-20250219"), `anthropic-beta not forwarded: ${call?.headers["anthropic-beta"]}`)
      return problems
    },
  },
  {
    id: "1b",
    name: "claude-code -> /claude -> anthropic: --model claude-sonnet-4-5",
    answers: () => [recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/claude`, "hi", ["--model", "claude-sonnet-4-5"]),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.anthropicText, expect)
      checkCalls(calls, 1, "/v1/messages", expect)
      expect(calls[0]?.body?.model === "claude-sonnet-4-5", `upstream model is ${calls[0]?.body?.model}`)
      expect(calls[0]?.body?.thinking?.type === "enabled", `upstream thinking is ${JSON.stringify(calls[0]?.body?.thinking)}`)
      return problems
    },
  },
  {
    id: "1c",
    name: "claude-code -> /claude -> anthropic: Bash tool round trip",
    answers: () => [retargetToolCalls(recorded(ANTHROPIC_TOOL), "Bash", BASH_INPUT), recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/claude`, "run the marker command", ["--allowedTools", "Bash"]),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.anthropicText, expect)
      claudeToolRoundTrip(run, expect)
      checkCalls(calls, 2, "/v1/messages", expect)
      expect(anthropicToolResults(calls[1]?.body).includes(MARKER), "the second upstream request carries no tool_result with the marker")
      return problems
    },
  },
  {
    id: "2a",
    name: "claude-code -> /codex -> chatgpt: text",
    answers: () => [recorded(CODEX_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "hi"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.codexText, expect)
      checkCalls(calls, 1, "/backend-api/codex/responses", expect)
      expect(Array.isArray(calls[0]?.body?.input), "upstream body has no Responses input")
      return problems
    },
  },
  {
    id: "2b",
    name: "claude-code -> /codex -> chatgpt: reasoning as thinking",
    answers: () => [recorded(CODEX_THINKING)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "factorial of 5, step by step"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.codexThinkingText, expect)
      checkCalls(calls, 1, "/backend-api/codex/responses", expect)
      const thinking = claudeResult(run).assistant.filter((block) => block.type === "thinking")
      expect(thinking.some((block) => String(block.thinking).includes(EXPECTED.codexThinking)), `no thinking block with the reasoning summary: ${excerpt(JSON.stringify(thinking))}`)
      return problems
    },
  },
  {
    id: "2c",
    name: "claude-code -> /codex -> chatgpt: Bash tool round trip",
    answers: () => [retargetToolCalls(recorded(CODEX_TOOLS), "Bash", BASH_INPUT), recorded(CODEX_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "run the marker command", ["--allowedTools", "Bash"]),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.codexText, expect)
      claudeToolRoundTrip(run, expect)
      checkCalls(calls, 2, "/backend-api/codex/responses", expect)
      expect(responsesToolOutputs(calls[1]?.body).includes(MARKER), "the second upstream request carries no function_call_output with the marker")
      return problems
    },
  },
  {
    id: "2d",
    name: "claude-code -> /codex -> chatgpt: encrypted reasoning kept across a tool call",
    answers: () => {
      const turns = recordedJsonLineStreams(CODEX_ENCRYPTED)
      return [retargetToolCalls(turns[0]!, "Bash", BASH_INPUT), turns.at(-1)!]
    },
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "run the marker command", ["--allowedTools", "Bash"]),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkClaudeCode(run, EXPECTED.encryptedLastText, expect)
      claudeToolRoundTrip(run, expect)
      checkCalls(calls, 2, "/backend-api/codex/responses", expect)
      const reasoning = ((calls[1]?.body?.input ?? []) as Record<string, any>[]).find((item) => item.type === "reasoning")
      expect(String(reasoning?.encrypted_content).startsWith("gAAAAABpPDIV"), `the second request does not echo the encrypted reasoning: ${excerpt(JSON.stringify(reasoning))}`)
      expect(responsesToolOutputs(calls[1]?.body).includes(MARKER), "the second upstream request carries no function_call_output with the marker")
      return problems
    },
  },
  {
    id: "2e",
    name: "claude-code -> /codex -> chatgpt: HTTP 429 usage limit shown",
    answers: () => [USAGE_LIMIT],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "hi"),
    check(run) {
      const { problems, expect } = expectations()
      checkFailureShown(run, expect)
      return problems
    },
  },
  {
    id: "2f",
    name: "claude-code -> /codex -> chatgpt: response.failed mid-stream shown",
    answers: () => [cutBefore(recorded(CODEX_TEXT), "response.completed", [RESPONSE_FAILED])],
    run: ({ clients, dir, proxyUrl }) => runClaudeCode(clients.claude, dir, `${proxyUrl}/codex`, "hi"),
    check(run) {
      const { problems, expect } = expectations()
      checkFailureShown(run, expect)
      return problems
    },
  },
  {
    id: "3a",
    name: "codex -> /codex/v1 -> chatgpt: text",
    answers: () => [recorded(CODEX_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/codex/v1`, "hi", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.codexText, expect)
      checkCalls(calls, 1, "/backend-api/codex/responses", expect)
      expect(calls[0]?.headers.authorization?.startsWith("Bearer ey"), "upstream authorization is not the ChatGPT access token")
      expect(calls[0]?.headers["chatgpt-account-id"] === "acct-e2e", `upstream chatgpt-account-id is ${calls[0]?.headers["chatgpt-account-id"]}`)
      return problems
    },
  },
  {
    id: "3b",
    name: "codex -> /codex/v1 -> chatgpt: exec_command round trip",
    answers: () => [retargetToolCalls(recorded(CODEX_TOOLS), "exec_command", EXEC_INPUT), recorded(CODEX_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/codex/v1`, "run the marker command", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.codexText, expect)
      codexCommandRan(run, 2, expect)
      checkCalls(calls, 2, "/backend-api/codex/responses", expect)
      expect(responsesToolOutputs(calls[1]?.body).includes(MARKER), "the second upstream request carries no function_call_output with the marker")
      return problems
    },
  },
  {
    id: "3c",
    name: "codex -> /codex/v1 -> chatgpt: reasoning, codex.rate_limits events",
    answers: () => [withEventsAfterFirst(recorded(CODEX_THINKING), [RATE_LIMITS_EVENT])],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/codex/v1`, "factorial of 5, step by step", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.codexThinkingText, expect)
      checkCalls(calls, 1, "/backend-api/codex/responses", expect)
      const reasoning = codexItems(run, "reasoning").map((item) => String(item.text)).join("\n")
      expect(reasoning.includes(EXPECTED.codexThinking), `Codex shows no reasoning summary: ${excerpt(reasoning)}`)
      return problems
    },
  },
  {
    id: "3d",
    name: "codex -> /codex/v1 -> chatgpt: HTTP 429 usage limit shown",
    answers: () => [USAGE_LIMIT],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/codex/v1`, "hi", "gpt-5-codex"),
    check(run) {
      const { problems, expect } = expectations()
      checkFailureShown(run, expect, "hit your usage limit")
      return problems
    },
  },
  {
    id: "4a",
    name: "codex -> /claude/v1 -> anthropic: text",
    answers: () => [recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/claude/v1`, "hi", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.anthropicText, expect)
      checkCalls(calls, 1, "/v1/messages", expect)
      expect(calls[0]?.body?.model === "claude-sonnet-4-6", `upstream model is ${calls[0]?.body?.model}, expected gpt-5-codex mapped to claude-sonnet-4-6`)
      return problems
    },
  },
  {
    id: "4b",
    name: "codex -> /claude/v1 -> anthropic: exec_command round trip",
    answers: () => [retargetToolCalls(recorded(ANTHROPIC_TOOL), "exec_command", EXEC_INPUT), recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/claude/v1`, "run the marker command", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.anthropicText, expect)
      codexCommandRan(run, 1, expect)
      checkCalls(calls, 2, "/v1/messages", expect)
      expect(anthropicToolResults(calls[1]?.body).includes(MARKER), "the second upstream request carries no tool_result with the marker")
      return problems
    },
  },
  {
    id: "4c",
    name: "codex -> /claude/v1 -> anthropic: parallel tool calls",
    answers: () => [retargetToolCalls(recorded(ANTHROPIC_PARALLEL_TOOLS), "exec_command", EXEC_INPUT), recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/claude/v1`, "run the marker command twice", "gpt-5-codex"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkCodex(run, EXPECTED.anthropicText, expect)
      codexCommandRan(run, 2, expect)
      checkCalls(calls, 2, "/v1/messages", expect)
      const results = ((calls[1]?.body?.messages ?? []) as Record<string, any>[]).flatMap((message) => (Array.isArray(message.content) ? message.content : [])).filter((block) => block.type === "tool_result")
      expect(results.length === 2, `the second upstream request carries ${results.length} tool_result blocks, expected 2`)
      return problems
    },
  },
  {
    id: "4d",
    name: "codex -> /claude/v1 -> anthropic: HTTP 529 overloaded shown",
    answers: () => [ANTHROPIC_OVERLOADED],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/claude/v1`, "hi", "gpt-5-codex"),
    check(run) {
      const { problems, expect } = expectations()
      checkFailureShown(run, expect)
      return problems
    },
  },
  {
    id: "4e",
    name: "codex -> /claude/v1 -> anthropic: error event mid-stream shown",
    answers: () => [cutBefore(recorded(ANTHROPIC_TEXT), "message_delta", [ANTHROPIC_STREAM_ERROR])],
    run: ({ clients, dir, proxyUrl }) => runCodex(clients.codex, dir, `${proxyUrl}/claude/v1`, "hi", "gpt-5-codex"),
    check(run) {
      const { problems, expect } = expectations()
      checkFailureShown(run, expect, "model is at capacity")
      return problems
    },
  },
  {
    id: "5a",
    name: "ai-sdk openai.responses -> /claude/v1 -> anthropic: reasoning and tool round trip",
    answers: () => [retargetToolCalls(recorded(ANTHROPIC_TOOL), "Bash", BASH_INPUT), recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runAiSdk(clients.dir, dir, "openai-responses", `${proxyUrl}/claude/v1`, "claude-sonnet-4-5", "run the marker command", MARKER),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkAiSdk(run, EXPECTED.anthropicText, expect)
      expect(run.events.some((part) => part.type === "reasoning-delta"), "the AI SDK saw no reasoning")
      checkCalls(calls, 2, "/v1/messages", expect)
      expect(anthropicToolResults(calls[1]?.body).includes(MARKER), "the second upstream request carries no tool_result with the marker")
      return problems
    },
  },
  {
    id: "5b",
    name: "ai-sdk openai.chat -> /claude/v1 -> anthropic: text",
    answers: () => [recorded(ANTHROPIC_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runAiSdk(clients.dir, dir, "openai-chat", `${proxyUrl}/claude/v1`, "claude-sonnet-4-5", "hi"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkAiSdk(run, EXPECTED.anthropicText, expect)
      checkCalls(calls, 1, "/v1/messages", expect)
      return problems
    },
  },
  {
    id: "5c",
    name: "ai-sdk anthropic -> /codex -> chatgpt: reasoning as thinking",
    answers: () => [recorded(CODEX_THINKING)],
    run: ({ clients, dir, proxyUrl }) => runAiSdk(clients.dir, dir, "anthropic", `${proxyUrl}/codex/v1`, "gpt-5", "factorial of 5"),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkAiSdk(run, EXPECTED.codexThinkingText, expect)
      const reasoning = run.events.filter((part) => part.type === "reasoning-delta").map((part) => String(part.text)).join("")
      expect(reasoning.includes(EXPECTED.codexThinking), `the AI SDK reasoning lacks the summary: ${excerpt(reasoning)}`)
      checkCalls(calls, 1, "/backend-api/codex/responses", expect)
      return problems
    },
  },
  {
    id: "5d",
    name: "ai-sdk anthropic -> /codex -> chatgpt: tool round trip",
    answers: () => [retargetToolCalls(recorded(CODEX_TOOLS), "Bash", BASH_INPUT), recorded(CODEX_TEXT)],
    run: ({ clients, dir, proxyUrl }) => runAiSdk(clients.dir, dir, "anthropic", `${proxyUrl}/codex/v1`, "gpt-5", "run the marker command", MARKER),
    check(run, calls) {
      const { problems, expect } = expectations()
      checkAiSdk(run, EXPECTED.codexText, expect)
      checkCalls(calls, 2, "/backend-api/codex/responses", expect)
      expect(responsesToolOutputs(calls[1]?.body).includes(MARKER), "the second upstream request carries no function_call_output with the marker")
      return problems
    },
  },
]
