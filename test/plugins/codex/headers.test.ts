import { expect, test } from "bun:test"
import { Value } from "@sinclair/typebox/value"
import { codexConfig } from "../../../plugins/codex/config"
import { clientSessionId, codexHeaders } from "../../../plugins/codex/headers"

const config = Value.Create(codexConfig)

test("a generic client: credentials and SDK headers replaced by the Codex CLI identity", () => {
  const client = new Headers({ authorization: "Bearer proxy-token", "x-api-key": "k", "user-agent": "OpenAI/JS 6.49.0", "x-stainless-lang": "js", "chatgpt-account-id": "spoofed", "x-custom": "kept" })
  const headers = codexHeaders(client, { accessToken: "access", accountId: "acct" }, config, "session-1")
  expect(Object.fromEntries(headers)).toEqual({
    authorization: "Bearer access",
    "chatgpt-account-id": "acct",
    session_id: "session-1",
    originator: "codex_cli_rs",
    "user-agent": `codex_cli_rs/${config.version}`,
    version: config.version,
    "openai-beta": "responses=experimental",
    "content-type": "application/json",
    accept: "text/event-stream",
    "x-custom": "kept",
  })
})

test("without an account id no chatgpt-account-id goes up, not even the client's", () => {
  const headers = codexHeaders(new Headers({ "chatgpt-account-id": "spoofed" }), { accessToken: "a" }, config, "s")
  expect(headers.has("chatgpt-account-id")).toBe(false)
})

test("session id: the Codex CLI's, either spelling, or Claude Code's", () => {
  expect(clientSessionId(new Headers({ session_id: "a" }))).toBe("a")
  expect(clientSessionId(new Headers({ "session-id": "b" }))).toBe("b")
  expect(clientSessionId(new Headers({ "x-claude-code-session-id": "c" }))).toBe("c")
  expect(clientSessionId(new Headers())).toBeUndefined()
})
