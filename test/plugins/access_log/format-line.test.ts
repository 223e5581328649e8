import { expect, test } from "bun:test"
import { formatAccessLine } from "../../../plugins/access_log/format-line"

const record = {
  timestamp: new Date("2026-10-10T13:55:36.123Z"),
  request_id: "r1",
  method: "POST",
  path: "/claude/v1/messages",
  query: "beta=true",
  status_code: 200,
  duration_ms: 12,
  client_ip: "127.0.0.1",
  user_agent: 'claude-cli/2.1 "x"',
  body_size: 512,
  model: undefined,
}

test("common and combined formats", () => {
  expect(formatAccessLine(record, "common")).toBe('127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "POST /claude/v1/messages?beta=true HTTP/1.1" 200 512')
  expect(formatAccessLine(record, "combined")).toBe('127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "POST /claude/v1/messages?beta=true HTTP/1.1" 200 512 "-" "claude-cli/2.1 \\"x\\""')
})

test("structured: one JSON object, absent fields left out", () => {
  expect(JSON.parse(formatAccessLine(record, "structured"))).toEqual({
    timestamp: "2026-10-10T13:55:36.123Z",
    request_id: "r1",
    method: "POST",
    path: "/claude/v1/messages",
    query: "beta=true",
    status_code: 200,
    duration_ms: 12,
    client_ip: "127.0.0.1",
    user_agent: 'claude-cli/2.1 "x"',
    body_size: 512,
  })
})
