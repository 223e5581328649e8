import { expect, test } from "bun:test"
import { refreshHookEmitter, serveCredentials } from "~/auth/credential-service"
import { TokenManager } from "~/auth/token-manager"
import type { TokenRecord, TokenStore } from "~/auth/token-store"
import type { PluginContext } from "~/core/plugins/context"
import { recordingLogger } from "../helpers/oauth-fakes"

const EXPIRES = Date.parse("2030-01-01T00:00:00.000Z")

function storeHolding(record: TokenRecord | undefined): TokenStore {
  return { load: async () => record && { record, source: "file" }, refresh: async () => record!, describe: () => "/tmp/creds.json" }
}

/** Just what serveCredentials touches: services, hooks, the logger and the plugin's name. */
function pluginContext() {
  const logger = recordingLogger()
  const registered: Array<{ name: string; service: unknown; owner: string }> = []
  const emitted: Array<{ event: string; data: Record<string, unknown> }> = []
  const context = {
    name: "oauth_test",
    logger,
    services: { register: (name: string, service: unknown, owner: string) => void registered.push({ name, service, owner }) },
    hooks: { emit: (event: string, data: Record<string, unknown>) => void emitted.push({ event, data }) },
  } as unknown as PluginContext<unknown>
  return { context, logger, registered, emitted }
}

const manager = (record: TokenRecord | undefined) => new TokenManager({ provider: "test", store: storeHolding(record), graceSeconds: 60, logger: recordingLogger() })

test("registers credentials:<provider>, says where the credentials are and until when, reports healthy", async () => {
  const { context, logger, registered } = pluginContext()
  const tokens = manager({ accessToken: "a", refreshToken: "r", expiresAt: EXPIRES })
  const instance = await serveCredentials(context, { provider: "test", label: "Test", manager: tokens, origin: (health) => `the ${health.source}` })
  expect(registered).toEqual([{ name: "credentials:test", service: tokens, owner: "oauth_test" }])
  expect(logger.messages).toEqual([{ level: "info", message: "Test credentials from the file, access token valid until 2030-01-01T00:00:00.000Z" }])
  expect(await instance.healthCheck!()).toMatchObject({ status: "healthy", details: { present: true, source: "file" } })
})

test("registers the plugin's own service when given; showExpiry false leaves the expiry out", async () => {
  const { context, logger, registered } = pluginContext()
  const service = { current: async () => ({ accessToken: "a" }), afterUnauthorized: async () => ({ accessToken: "a" }), health: () => manager(undefined).health() }
  await serveCredentials(context, { provider: "test", label: "Test", manager: manager({ accessToken: "a", expiresAt: EXPIRES }), service, origin: () => "/tmp/creds.json", showExpiry: false })
  expect(registered[0]!.service).toBe(service)
  expect(logger.messages).toEqual([{ level: "info", message: "Test credentials from /tmp/creds.json" }])
})

test("without credentials: a warning naming the login command, and unhealthy", async () => {
  const { context, logger } = pluginContext()
  const instance = await serveCredentials(context, { provider: "test", label: "Test", manager: manager(undefined), origin: () => "unused" })
  expect(logger.messages).toEqual([{ level: "warn", message: "no Test credentials (no credentials in /tmp/creds.json); run `ccproxy auth login test`" }])
  expect(await instance.healthCheck!()).toMatchObject({ status: "unhealthy", details: { present: false } })
})

test("refresh outcomes become oauth.refresh.response events naming the provider", () => {
  const { context, emitted } = pluginContext()
  refreshHookEmitter(context, "test")({ ok: false, error: "invalid_grant" })
  expect(emitted).toEqual([{ event: "oauth.refresh.response", data: { provider: "test", ok: false, error: "invalid_grant" } }])
})
