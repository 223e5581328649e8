import { describe, expect, test } from "bun:test"
import { startCallbackServer } from "~/auth/callback-server"
import { LoginError, PortInUseError } from "~/auth/errors"
import { checkedPastedCode, parsePastedCode } from "~/auth/manual-code"

const callback = (port: number, query: string, path = "/callback") => fetch(`http://127.0.0.1:${port}${path}?${query}`)

describe("loopback callback server", () => {
  test("serves only the callback path and hands over the code when the state matches", async () => {
    const server = startCallbackServer({ port: 0, path: "/callback", state: "s1" })
    expect(server.redirectUri).toBe(`http://localhost:${server.port}/callback`)
    expect((await callback(server.port, "code=c1&state=s1", "/other")).status).toBe(404)
    const answer = await callback(server.port, "code=c1&state=s1")
    expect(answer.status).toBe(200)
    expect(await answer.text()).toContain("Login complete")
    expect(await server.waitForCode(2000)).toBe("c1")
  })

  test("a wrong state is refused (400) without ending the login: the right callback still completes it", async () => {
    const server = startCallbackServer({ port: 0, path: "/callback", state: "expected" })
    const outcome = server.waitForCode(2000)
    expect((await callback(server.port, "code=forged&state=forged")).status).toBe(400)
    expect((await callback(server.port, "error=access_denied&state=other")).status).toBe(400)
    expect((await callback(server.port, "code=real&state=expected")).status).toBe(200)
    expect(await outcome).toBe("real")
  })

  test("only wrong states until the timeout: the timeout error says they were refused", async () => {
    const server = startCallbackServer({ port: 0, path: "/callback", state: "expected" })
    const outcome = server.waitForCode(300).catch((error: Error) => error)
    expect((await callback(server.port, "code=c1&state=forged")).status).toBe(400)
    expect(String(await outcome)).toMatch(/within 0 s.*1 callback with another login attempt's state was refused/)
  })

  test("an error from the provider fails the login with its description", async () => {
    const server = startCallbackServer({ port: 0, path: "/cb", state: "s" })
    expect((await callback(server.port, "error=access_denied&error_description=user+said+no&state=s", "/cb")).status).toBe(400)
    await expect(server.waitForCode(2000)).rejects.toThrow("access_denied: user said no")
  })

  test("times out cleanly and frees the port", async () => {
    const server = startCallbackServer({ port: 0, path: "/callback", state: "s" })
    const started = Date.now()
    await expect(server.waitForCode(200)).rejects.toThrow(LoginError)
    expect(Date.now() - started).toBeLessThan(2000)
    await Bun.sleep(100)
    const again = startCallbackServer({ port: server.port, path: "/callback", state: "s" })
    again.stop()
  })

  test("a taken port is reported as PortInUseError", () => {
    const first = startCallbackServer({ port: 0, path: "/callback", state: "s" })
    try {
      expect(() => startCallbackServer({ port: first.port, path: "/callback", state: "s" })).toThrow(PortInUseError)
    } finally {
      first.stop()
    }
  })
})

describe("pasted codes", () => {
  test("bare code, code#state and the redirect URL are all understood", () => {
    expect(parsePastedCode("  abc  ")).toEqual({ code: "abc" })
    expect(parsePastedCode("abc#xyz")).toEqual({ code: "abc", state: "xyz" })
    expect(parsePastedCode("http://localhost:1455/auth/callback?code=abc&state=xyz")).toEqual({ code: "abc", state: "xyz" })
  })

  test("a state from another attempt, an empty paste or a URL without a code is refused", () => {
    expect(checkedPastedCode("abc#mine", "mine")).toBe("abc")
    expect(() => checkedPastedCode("abc#other", "mine")).toThrow(/state mismatch/)
    expect(() => checkedPastedCode("", "mine")).toThrow(LoginError)
    expect(() => checkedPastedCode("http://localhost/cb?state=mine", "mine")).toThrow(/no code/)
    expect(() => checkedPastedCode("http://localhost/cb?error=access_denied", "mine")).toThrow(/access_denied/)
  })
})
