import { describe, expect, test } from "bun:test"
import { jsonCopy } from "~/providers/json-copy"

describe("jsonCopy", () => {
  test("copies objects and arrays deeply, equal to the original", () => {
    const original = { model: "m", n: 1.5, ok: true, none: null, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], nested: { a: [1, [2, { b: "c" }]] } }
    const copy = jsonCopy(original)
    expect(copy).toEqual(original)
    copy.messages[0]!.content[0]!.text = "changed"
    ;(copy.nested.a[1] as unknown[]).push(3)
    expect(original.messages[0]!.content[0]!.text).toBe("hi")
    expect(original.nested.a[1]).toEqual([2, { b: "c" }])
  })

  test("keeps a __proto__ key from JSON as data, not as the prototype", () => {
    const original = JSON.parse('{"__proto__":{"polluted":true},"x":1}')
    const copy = jsonCopy(original) as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined()
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original))
  })

  test("primitives come back as they are", () => {
    for (const value of ["s", 0, false, null, undefined]) expect(jsonCopy(value)).toBe(value)
  })
})
