import { describe, expect, test } from "bun:test"
import { AuthError } from "~/core/errors"
import { CredentialFileError, TokenEndpointError, UnsavedTokensError } from "~/auth/errors"
import { TokenManager, type TokenManagerOptions } from "~/auth/token-manager"
import type { LoadedTokens, TokenRecord, TokenStore } from "~/auth/token-store"
import { recordingLogger } from "../helpers/oauth-fakes"

const NOW = 1_800_000_000_000

/** A store in memory: `stored` is what "disk" holds; `renew` plays the token endpoint. */
class MemoryStore implements TokenStore {
  refreshCalls = 0
  loads = 0
  readOnly?: { staleMessage: string }
  constructor(
    public stored: TokenRecord | undefined,
    private readonly renew: (record: TokenRecord, n: number) => Promise<TokenRecord> = async (record, n) => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt: NOW + 3600_000, accountId: record.accountId }),
    public failLoad?: Error,
  ) {}
  async load(): Promise<LoadedTokens | undefined> {
    this.loads++
    if (this.failLoad) throw this.failLoad
    return this.stored && { record: this.stored, source: "file", ...(this.readOnly ? { readOnly: this.readOnly } : {}) }
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

function manager(store: TokenStore, logger = recordingLogger(), now = () => NOW, options: Partial<TokenManagerOptions> = {}) {
  return new TokenManager({ provider: "claude-api", store, graceSeconds: 120, logger, now, raceWaitMs: 200, ...options })
}

const invalidGrant = () => new TokenEndpointError("token endpoint refused the request: HTTP 400 invalid_grant", 400, "invalid_grant")

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

  test("the refresh token was used by another program whose answer lands later: its saved tokens are awaited, not a 401", async () => {
    const store: MemoryStore = new MemoryStore({ accessToken: "a", refreshToken: "r", expiresAt: NOW - 1 }, async () => {
      setTimeout(() => (store.stored = { accessToken: "from-codex-cli", refreshToken: "r2", expiresAt: NOW + 3600_000 }), 400)
      throw invalidGrant()
    })
    const tokens = manager(store, recordingLogger(), () => NOW, { raceWaitMs: 3000 })
    expect((await tokens.current()).accessToken).toBe("from-codex-cli")
    expect(tokens.health()).toMatchObject({ lastRefresh: null })
    expect(tokens.health().error).toBeUndefined()
  })

  test("once another program stored a new refresh token, an earlier failure leaves health", async () => {
    const store = new MemoryStore({ accessToken: "a", refreshToken: "dead", expiresAt: NOW - 1000 }, async () => {
      throw invalidGrant()
    })
    const tokens = manager(store)
    await expect(tokens.current()).rejects.toThrow(AuthError)
    expect((await tokens.inspect()).error).toContain("invalid_grant")
    store.stored = { accessToken: "relogged", refreshToken: "fresh", expiresAt: NOW + 3600_000 }
    const health = await tokens.inspect()
    expect(health.error).toBeUndefined()
    expect(health.lastRefresh).toBeNull()
    expect((await tokens.current()).accessToken).toBe("relogged")
  })

  test("renewed tokens that could not be saved are kept and used, never a second refresh of the spent token", async () => {
    const logger = recordingLogger()
    let saves = 0
    let now = NOW
    const renewed = { accessToken: "access-2", refreshToken: "refresh-2", expiresAt: NOW + 3600_000 }
    const store = new MemoryStore({ accessToken: "a", refreshToken: "r1", expiresAt: NOW - 1 }, async () => {
      throw new UnsavedTokensError("/tmp/creds.json", renewed, () => {
        if (++saves < 2) throw new Error("EROFS: read-only file system")
        store.stored = renewed
        return renewed
      }, { cause: new Error("EROFS: read-only file system") })
    })
    const stored = store.stored
    const tokens = manager(store, logger, () => now, { saveRetryMs: 30_000 })
    expect((await tokens.current()).accessToken).toBe("access-2")
    expect(store.stored).toBe(stored!)
    expect(await tokens.afterUnauthorized({ accessToken: "a" })).toEqual({ accessToken: "access-2" })
    expect((await tokens.current()).accessToken).toBe("access-2")
    expect(store.refreshCalls).toBe(1)
    expect(logger.messages.filter((m) => m.level === "error").map((m) => m.message)).toEqual([expect.stringContaining("/tmp/creds.json could not be written (EROFS")])
    expect(tokens.health()).toMatchObject({ lastRefresh: { ok: true }, warning: expect.stringContaining("kept in memory") })
    now += 30_000
    await tokens.current()
    expect(saves).toBe(1)
    now += 30_000
    await tokens.current()
    expect(saves).toBe(2)
    expect(store.stored).toBe(renewed)
    expect((await tokens.inspect()).warning).toBeUndefined()
  })

  test("read-only tokens (Claude Code's Keychain) are read again, never refreshed", async () => {
    const store = new MemoryStore({ accessToken: "k1", refreshToken: "claude-codes", expiresAt: NOW + 60_000 })
    store.readOnly = { staleMessage: "run `claude` once" }
    const tokens = manager(store)
    expect((await tokens.current()).accessToken).toBe("k1")
    store.stored = { accessToken: "k2", refreshToken: "claude-codes-2", expiresAt: NOW + 3600_000 }
    expect((await tokens.afterUnauthorized({ accessToken: "k1" })).accessToken).toBe("k2")
    await expect(tokens.afterUnauthorized({ accessToken: "k2" })).rejects.toThrow("run `claude` once")
    await expect(tokens.refreshNow()).rejects.toThrow(AuthError)
    store.stored = { accessToken: "k3", refreshToken: "claude-codes-3", expiresAt: NOW - 1 }
    const error = await tokens.current().catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toBe("the access token has expired; run `claude` once")
    expect(tokens.health().error).toBe("the access token has expired; run `claude` once")
    expect(store.refreshCalls).toBe(0)
  })
})
