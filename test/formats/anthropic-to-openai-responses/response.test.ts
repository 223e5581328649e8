import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/anthropic-to-openai-responses"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"

describe("Anthropic → Responses response", () => {
  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, "text", {}, { content: "text" }, { content: [null] }, { id: "msg_1", content: [{ type: "tool_use" }] }]) {
      const convert = () => adapter.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})
