import { expect, test } from "bun:test"
import { trailingUsage } from "~/providers/usage"

const message = (usage: string, tail = "}") => `{"id":"msg_1","type":"message","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":${usage}${tail}`

test("reads the last top-level usage object, with any whitespace", () => {
  expect(trailingUsage(message('{"input_tokens":7,"output_tokens":3}'))).toEqual({ input_tokens: 7, output_tokens: 3 })
  expect(trailingUsage('{ "a": 1,\n  "usage" :\n { "input_tokens": 1, "nested": {"x": 2} }\n}\n')).toEqual({ input_tokens: 1, nested: { x: 2 } })
})

test("gives up (the caller parses everything) unless usage is the body's last top-level key", () => {
  // usage not last
  expect(trailingUsage('{"usage":{"input_tokens":1},"model":"m"}')).toBeUndefined()
  // a usage key nested deeper than the top level
  expect(trailingUsage('{"content":[{"input":{"usage":{"input_tokens":99}}}]}')).toBeUndefined()
  expect(trailingUsage('{"a":{"usage":{"input_tokens":99}}}')).toBeUndefined()
  expect(trailingUsage('{"a":{"usage":{"x":1}},"b":{"y":2}}')).toBeUndefined()
  // "usage" as a value, escaped inside a string, or absent
  expect(trailingUsage('{"kind":"usage"}')).toBeUndefined()
  expect(trailingUsage('{"text":"say \\"usage\\": {}"}')).toBeUndefined()
  expect(trailingUsage('{"id":"x"}')).toBeUndefined()
  // not an object, or not JSON
  expect(trailingUsage('{"usage":null}')).toBeUndefined()
  expect(trailingUsage('{"usage":[1]}')).toBeUndefined()
  expect(trailingUsage('<html>"usage": {oops}}')).toBeUndefined()
  expect(trailingUsage(message('{"input_tokens":7', ""))).toBeUndefined()
})
