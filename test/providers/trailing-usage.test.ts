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

test("a key that only ends in usage after an escaped quote is not usage", () => {
  // The key is `x"usage`: its text holds `"usage"` followed by a colon, but it is not the usage key.
  const body = '{"id":"msg_1","usage":{"input_tokens":7,"output_tokens":3},"x\\"usage":{"input_tokens":999}}'
  expect(JSON.parse(body)['x"usage']).toEqual({ input_tokens: 999 })
  expect(trailingUsage(body)).toBeUndefined()
  expect(trailingUsage('{"a":"b", "x\\\\\\"usage" :{"input_tokens":999}}')).toBeUndefined()
  // a real key after an escaped backslash at the end of the previous string is still found
  expect(trailingUsage('{"text":"ends in \\\\","usage":{"input_tokens":2}}')).toEqual({ input_tokens: 2 })
})
