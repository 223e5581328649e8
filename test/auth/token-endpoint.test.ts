import { afterEach, describe, expect, test } from "bun:test"
import { TokenEndpointError } from "~/auth/errors"
import { requestToken } from "~/auth/token-endpoint"
import { startFakeServer, type FakeServer } from "../helpers/fake-server"

const servers: FakeServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop()
})

function serve(handler: (request: Request) => Response): FakeServer {
  const server = startFakeServer(handler)
  servers.push(server)
  return server
}

describe("token endpoint requests", () => {
  test("a redirect is a failure: the refresh token is never sent on to the new location", async () => {
    const elsewhere = serve(() => Response.json({ access_token: "stolen" }))
    const endpoint = serve(() => new Response(null, { status: 307, headers: { location: `${elsewhere.url}/collect` } }))
    const error = await requestToken({ url: `${endpoint.url}/token`, encoding: "json", body: { grant_type: "refresh_token", refresh_token: "rt-secret" }, timeoutMs: 2000 }).catch((e) => e)
    expect(error).toBeInstanceOf(TokenEndpointError)
    expect(error.message).toContain("redirect")
    expect(error.message).not.toContain("rt-secret")
    expect(elsewhere.requests).toHaveLength(0)
  })
})
