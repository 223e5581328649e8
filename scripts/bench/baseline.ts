/**
 * The floor: the least a Bun proxy can do. Forwards each request to the fake upstream
 * (`/claude` or `/codex` dropped from the path) and streams the answer back.
 *
 *   UPSTREAM=http://127.0.0.1:PORT bun scripts/bench/baseline.ts      prints `PORT <n>`
 */
const upstream = process.env.UPSTREAM ?? "http://127.0.0.1:9"
const HOP = ["host", "connection", "content-length", "accept-encoding"]

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  idleTimeout: 0,
  async fetch(request) {
    const url = new URL(request.url)
    const headers = new Headers(request.headers)
    for (const name of HOP) headers.delete(name)
    const answer = await fetch(upstream + url.pathname.replace(/^\/(claude|codex)/, ""), { method: request.method, headers, body: await request.arrayBuffer() })
    const out = new Headers(answer.headers)
    out.delete("content-length")
    out.delete("content-encoding")
    return new Response(answer.body, { status: answer.status, headers: out })
  },
})
console.log(`PORT ${server.port}`)
