import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/anthropic-to-openai-responses"
import { createConversionContext } from "~/formats/types"

const convert = (status: number, body: unknown) => adapter.convertError({ status, body }, createConversionContext())

describe("Anthropic → Responses error", () => {
  test("Anthropic error body keeps status, maps type and code", () => {
    expect(convert(429, { type: "error", error: { type: "rate_limit_error", message: "slow" } })).toEqual({
      status: 429,
      body: { error: { message: "slow", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } },
    })
    expect(convert(529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }).body).toEqual({
      error: { message: "Overloaded", type: "server_error", param: null, code: "server_is_overloaded" },
    })
    expect(convert(400, { type: "error", error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } }).body).toMatchObject({
      error: { code: "context_length_exceeded" },
    })
  })

  test("non-standard {detail} and text bodies keep their status (never a 502)", () => {
    expect(convert(400, { detail: "bad thing" })).toEqual({ status: 400, body: { error: { message: "bad thing", type: "invalid_request_error", param: null, code: "invalid_request_error" } } })
    expect(convert(401, "nope")).toEqual({ status: 401, body: { error: { message: "nope", type: "authentication_error", param: null, code: "invalid_api_key" } } })
  })
})
