import { describe, expect, test } from "bun:test"
import { AuthError } from "~/core/errors"
import { CredentialFileError, TokenEndpointError } from "~/auth/errors"
import { TokenManager } from "~/auth/token-manager"
import type { LoadedTokens, TokenRecord, TokenStore } from "~/auth/token-store"
import { recordingLogger } from "../helpers/oauth-fakes"

const NOW = 1_800_000_000_000

/** A store in memory: `stored` is what "disk" holds; `renew` plays the token endpoint. */
class MemoryStore implements TokenStore {
  refreshCalls = 0
  loads = 0
  constructor(
    public stored: TokenRecord | undefined,
    private readonly renew: (record: TokenRecord, n: number) => Promise<TokenRecord> = async (record, n) => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt: NOW + 3600_000, accountId: record.accountId }),
    public failLoad?: Error,
  ) {}
  async load(): Promise<LoadedTokens | undefined> {
    this.loads++
    if (this.failLoad) throw this.failLoad
    return this.stored && { record: this.stored, source: "file" }
  }
  async refresh(record: TokenRecord): Promise<TokenRecord> {
    this.refreshCalls++
    this.stored = await this.renew(record, this.refreshCalls)
    return this.stored
  }
  describe() {
    return "/tmp/creds.json"
  }
}

function manager(store: TokenStore, logger = recordingLogger(), now = () => NOW) {
  return new TokenManager({ provider: "claude-api", store, graceSeconds: 120, logger, now })
}

describe("TokenManager", () => {
  test("a token outside the grace window is used as is", async () => {
    const store = new MemoryStore({ accessToken: "a", refreshToken: "r", expiresAt: NOW + 121_000, accountId: "acct" })
    expect(await manager(store).current()).toEqual({ accessToken: "a", accountId: "acct" })
    expect(store.refreshCalls).toBe(0)
  })

  test("within the grace window it refreshes once for a hundred concurrent callers", async () => {
    const store = new MemoryStore({ accessToken: "a", refreshToken: "r", expiresAt: NOW + 60_000 }, async (_, n) => {
      await Bun.sleep(30)
      return { accessToken: `access-${n}`, refreshToken: "r2", expiresAt: NOW + 3600_000 }
    })
    const tokens = manager(store)
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.current()))
    expect(store.refreshCalls).toBe(1)
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(["access-1"]))
    expect(tokens.health().lastRefresh?.ok).toBe(true)
  })

  test("no expiry and no refresh token: a long-lived token, never refreshed", async () => {
    const store = new MemoryStore({ accessToken: "long-lived" })
    const tokens = manager(store)
    expect((await tokens.current()).accessToken).toBe("long-lived")
    expect(tokens.health().expiresAt).toBeNull()
    await expect(tokens.afterUnauthorized({ accessToken: "long-lived" })).rejects.toThrow(/cannot be refreshed.*ccproxy auth login claude-api/)
    expect(store.refreshCalls).toBe(0)
  })

  test("missing credentials: AuthError with the login hint; health says why", async () => {
    const tokens = manager(new MemoryStore(undefined))
    const error = await tokens.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toBe("not logged in (no credentials in /tmp/creds.json); run `ccproxy auth login claude-api`")
    expect(tokens.health()).toMatchObject({ present: false, source: "none", error: "no credentials in /tmp/creds.json" })
  })

  test("an unreadable store becomes an AuthError carrying its message", async () => {
    const tokens = manager(new MemoryStore(undefined, undefined, new CredentialFileError("/tmp/creds.json", "invalid JSON")))
    await expect(tokens.current()).rejects.toThrow(/invalid JSON.*ccproxy auth login claude-api/)
    expect(tokens.health().error).toContain("invalid JSON")
  })

  test("after a 401 it uses a token another program stored, without refreshing", async () => {
    const store = new MemoryStore({ accessToken: "newer", refreshToken: "r", expiresAt: NOW + 3600_000 })
    expect((await manager(store).afterUnauthorized({ accessToken: "rejected" })).accessToken).toBe("newer")
    expect(store.refreshCalls).toBe(0)
  })

  test("after a 401 on the stored token it refreshes once, even far from expiry", async () => {
    const store = new MemoryStore({ accessToken: "a", refreshToken: "r", expiresAt: NOW + 3600_000 })
    const tokens = manager(store)
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.afterUnauthorized({ accessToken: "a" })))
    expect(store.refreshCalls).toBe(1)
    expect(results.every((r) => r.accessToken === "access-1")).toBe(true)
  })

  test("a failed refresh is loud; an expired token then gives the login hint, and the same refresh token is not hammered", async () => {
    const logger = recordingLogger()
    const store = new MemoryStore({ accessToken: "a", refreshToken: "dead", expiresAt: NOW - 1000 }, async () => {
      throw new TokenEndpointError("token endpoint refused the request: HTTP 400 invalid_grant", 400, "invalid_grant")
    })
    const tokens = manager(store, logger)
    const error = await tokens.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toContain("invalid_grant")
    expect(error.message).toEndWith("run `ccproxy auth login claude-api`")
    expect(logger.messages.filter((m) => m.level === "error")).toHaveLength(1)
    expect(tokens.health()).toMatchObject({ present: true, lastRefresh: { ok: false } })
    expect(tokens.health().error).toContain("invalid_grant")
    await expect(tokens.current()).rejects.toThrow(AuthError)
    expect(store.refreshCalls).toBe(1)
  })

  test("a failed refresh of a token not yet expired keeps using it", async () => {
    const store = new MemoryStore({ accessToken: "still-good", refreshToken: "r", expiresAt: NOW + 30_000 }, async () => {
      throw new TokenEndpointError("token endpoint unreachable", undefined)
    })
    const tokens = manager(store)
    expect((await tokens.current()).accessToken).toBe("still-good")
    expect(tokens.health().lastRefresh).toMatchObject({ ok: false, error: "token endpoint unreachable" })
  })

  test("when the refresh loses a race, the winner's stored token is used", async () => {
    const store: MemoryStore = new MemoryStore({ accessToken: "a", refreshToken: "r", expiresAt: NOW - 1 }, async () => {
      store.stored = { accessToken: "from-claude-code", refreshToken: "r9", expiresAt: NOW + 3600_000 }
      throw new TokenEndpointError("invalid_grant", 400, "invalid_grant")
    })
    const tokens = manager(store)
    expect((await tokens.current()).accessToken).toBe("from-claude-code")
    expect(tokens.health().lastRefresh).toBeNull()
  })
})
