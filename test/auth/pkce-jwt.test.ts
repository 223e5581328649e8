import { describe, expect, test } from "bun:test"
import { createHash } from "node:crypto"
import { decodeJwtClaims, jwtExpiresAt } from "~/auth/jwt"
import { createPkce, createState } from "~/auth/pkce"
import { fakeJwt } from "../helpers/oauth-fakes"

describe("PKCE", () => {
  test("S256: a 43-character verifier and its base64url SHA-256 challenge, no padding", () => {
    const pkce = createPkce()
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(pkce.challenge).toBe(createHash("sha256").update(pkce.verifier).digest("base64url"))
    expect(pkce.challenge).not.toContain("=")
    expect(pkce.method).toBe("S256")
    expect(createPkce().verifier).not.toBe(pkce.verifier)
  })

  test("state is long, url-safe and different every time", () => {
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createState()).not.toBe(createState())
  })
})

describe("JWT claims", () => {
  test("decodes the payload without verifying, exp in milliseconds", () => {
    const token = fakeJwt({ exp: 1_900_000_000, "https://api.openai.com/auth": { chatgpt_account_id: "acct" } })
    expect(decodeJwtClaims(token)?.["https://api.openai.com/auth"]).toEqual({ chatgpt_account_id: "acct" })
    expect(jwtExpiresAt(token)).toBe(1_900_000_000_000)
  })

  test("anything that is not a JWT gives undefined, never an exception", () => {
    for (const token of [undefined, "", "opaque-token", "a.b.c", "a.!!!.c", `x.${Buffer.from("[1]").toString("base64url")}.y`]) {
      expect(decodeJwtClaims(token)).toBeUndefined()
      expect(jwtExpiresAt(token)).toBeUndefined()
    }
    expect(jwtExpiresAt(fakeJwt({ exp: "tomorrow" }))).toBeUndefined()
  })
})
