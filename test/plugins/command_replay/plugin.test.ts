import { afterEach, expect, test } from "bun:test"
import { requestFileStem } from "~/core/background-file-writer"
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { factory } from "../../../plugins/command_replay/plugin"
import { anthropicReply, eventually, expectNoSecrets, readTree, SECRETS, startProxy } from "../../helpers/proxy-harness"

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

async function replayProxy(settings: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "replay-"))
  const proxy = await startProxy({
    upstream: () => anthropicReply(),
    plugins: [factory],
    settings: { "plugins.command_replay.enabled": true, "plugins.command_replay.log_dir": dir, "plugins.command_replay.include_url_patterns": ["127.0.0.1"], ...settings },
  })
  stops.push(proxy.stop)
  return { ...proxy, dir }
}

// Quotes, a newline, non-ASCII and more than Linux's 128 KiB per-argument limit.
const awkwardText = `it's "quoted" $HOME \`x\` \\ back\nslash é 漢字 ${"x".repeat(200_000)}`
const body = { model: "short", max_tokens: 50, messages: [{ role: "user", content: awkwardText }] }

/** Runs a script without blocking: the fake upstream it calls lives in this process. */
async function run(path: string, env: Record<string, string | undefined> = process.env) {
  const child = Bun.spawn(["sh", path], { env, stdout: "pipe", stderr: "pipe" })
  const [stdout, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited])
  return { stdout, exitCode }
}

const readScript = (path: string) => eventually(() => {
  const text = readFileSync(path, "utf8")
  if (!text.endsWith("\n")) throw new Error("not yet")
  return text
})

test("the curl command replays the provider request byte for byte, secrets redacted, file 0600", async () => {
  const { post, dir, fake } = await replayProxy()
  expect((await post("/fake/v1/messages", body, { "x-request-id": "rep-1" })).status).toBe(200)
  const script = await readScript(join(dir, `${requestFileStem("rep-1")}_curl.sh`))
  await readScript(join(dir, `${requestFileStem("rep-1")}_xh.sh`))
  expect(statSync(join(dir, `${requestFileStem("rep-1")}_curl.sh`)).mode & 0o777).toBe(0o600)
  expectNoSecrets(readTree(dir))
  expect(script).toContain(`-H 'authorization: Bearer [redacted]'`)

  const replay = await run(join(dir, `${requestFileStem("rep-1")}_curl.sh`))
  expect(replay.exitCode).toBe(0)
  expect(JSON.parse(replay.stdout)).toMatchObject({ id: "msg_1" })
  expect(fake.requests).toHaveLength(2)
  const [original, replayed] = [await fake.requests[0]!.text(), await fake.requests[1]!.text()]
  expect(replayed).toBe(original)
  expect(JSON.parse(replayed).messages[0].content).toBe(awkwardText)
  expect(fake.requests[1]!.url).toBe(fake.requests[0]!.url)
  expect(fake.requests[1]!.headers.get("authorization")).toBe("Bearer [redacted]")
})

test("the xh command passes the same body and headers (checked with a stand-in xh)", async () => {
  const { post, dir, fake } = await replayProxy()
  await (await post("/fake/v1/messages", { ...body, stream: false }, { "x-request-id": "rep-2" })).text()
  await readScript(join(dir, `${requestFileStem("rep-2")}_xh.sh`))
  const bin = mkdtempSync(join(tmpdir(), "fake-xh-"))
  writeFileSync(join(bin, "xh"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${bin}/args"\ncat > "${bin}/stdin"\n`)
  chmodSync(join(bin, "xh"), 0o755)
  expect((await run(join(dir, `${requestFileStem("rep-2")}_xh.sh`), { ...process.env, PATH: `${bin}:${process.env.PATH}` })).exitCode).toBe(0)
  expect(readFileSync(join(bin, "stdin"), "utf8")).toBe(await fake.requests[0]!.text())
  const args = readFileSync(join(bin, "args"), "utf8").split("\n")
  expect(args.slice(0, 2)).toEqual(["POST", fake.requests[0]!.url])
  expect(args).toContain("authorization:Bearer [redacted]")
  expect(args).toContain("content-type:application/json")
})

test("redact_secrets = false writes the real credentials, so the replay is authorised", async () => {
  const { post, dir, fake } = await replayProxy({ "plugins.command_replay.redact_secrets": false, "plugins.command_replay.generate_xh": false })
  await (await post("/fake/v1/messages", { ...body, messages: [{ role: "user", content: "hi" }] }, { "x-request-id": "rep-3" })).text()
  await readScript(join(dir, `${requestFileStem("rep-3")}_curl.sh`))
  expect(readTree(dir).size).toBe(1)
  expect((await run(join(dir, `${requestFileStem("rep-3")}_curl.sh`))).exitCode).toBe(0)
  expect(fake.requests[1]!.headers.get("authorization")).toBe(`Bearer ${SECRETS.upstreamToken}`)
})

test("one combined file when separate_files_per_command = false", async () => {
  const { post, dir } = await replayProxy({ "plugins.command_replay.separate_files_per_command": false, "plugins.command_replay.pretty_format": false })
  await (await post("/fake/v1/messages", { ...body, messages: [{ role: "user", content: "hi" }] }, { "x-request-id": "rep-4" })).text()
  const script = await readScript(join(dir, `${requestFileStem("rep-4")}_commands.sh`))
  const commands = script.split("\n").filter((line) => line.startsWith("printf"))
  expect(commands).toHaveLength(2)
  expect(commands[0]).toContain("| curl -sS -X POST")
  expect(commands[1]).toContain("| xh POST")
})

test("include and exclude URL patterns; the defaults match only real upstream hosts", async () => {
  const defaults = await replayProxy({ "plugins.command_replay.include_url_patterns": ["api.anthropic.com", "chatgpt.com"] })
  await (await defaults.post("/fake/v1/messages", { ...body, messages: [] }, { "x-request-id": "skip-1" })).text()
  const excluded = await replayProxy({ "plugins.command_replay.exclude_url_patterns": ["/v1/messages"] })
  await (await excluded.post("/fake/v1/messages", { ...body, messages: [] }, { "x-request-id": "skip-2" })).text()
  await Bun.sleep(50)
  expect(readTree(defaults.dir).size).toBe(0)
  expect(readTree(excluded.dir).size).toBe(0)
})

test("with redaction on, prompts and tool schemas replay unchanged; only known credentials are scrubbed", async () => {
  const { post, dir, fake } = await replayProxy()
  const tools = [{ name: "login", description: "log in", input_schema: { type: "object", properties: { password: { type: "string" }, token: { type: "string" }, api_key: { type: "string", description: "key" } } } }]
  const prompt = `my notes: Bearer abcdefghijklmnop, sk-ant-api03-notARealKeyButLooksLikeOne, "password": "hunter2" and the proxy token ${SECRETS.proxyToken}`
  const request = { model: "short", max_tokens: 50, tools, messages: [{ role: "user", content: prompt }] }
  expect((await post("/fake/v1/messages", request, { "x-request-id": "rep-5" })).status).toBe(200)
  const script = await readScript(join(dir, `${requestFileStem("rep-5")}_curl.sh`))
  expect(script).not.toContain(SECRETS.proxyToken)
  expect((await run(join(dir, `${requestFileStem("rep-5")}_curl.sh`))).exitCode).toBe(0)
  const [original, replayed] = [JSON.parse(await fake.requests[0]!.text()), JSON.parse(await fake.requests[1]!.text())]
  expect(replayed.tools).toEqual(original.tools)
  expect(replayed.tools[0].input_schema.properties.password).toEqual({ type: "string" })
  expect(replayed.messages[0].content).toBe(prompt.replace(SECRETS.proxyToken, "[redacted]"))
})
