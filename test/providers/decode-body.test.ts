import { expect, test } from "bun:test"
import { brotliCompressSync } from "node:zlib"
import { decodeRequestBody } from "~/providers/decode-body"
import { readJsonBody } from "~/providers/read-json-body"

const json = new TextEncoder().encode(JSON.stringify({ model: "gpt-5-codex", input: "hi" }))

test("gzip, deflate, br and zstd request bodies are decoded", async () => {
  for (const [encoding, body] of [
    ["gzip", Bun.gzipSync(json)],
    ["deflate", Bun.deflateSync(json)],
    ["br", new Uint8Array(brotliCompressSync(json))],
    ["zstd", Bun.zstdCompressSync(json)],
  ] as const) {
    const request = new Request("http://x/", { method: "POST", body, headers: { "content-encoding": encoding } })
    expect(await readJsonBody(request)).toEqual({ model: "gpt-5-codex", input: "hi" })
  }
})

test("unknown codings are 415, broken ones 400, and a decompression bomb stops at the limit", () => {
  expect(() => decodeRequestBody(json, "compress", 1000)).toThrow(/Unsupported content-encoding/)
  expect(() => decodeRequestBody(json, "gzip", 1000)).toThrow(/not valid gzip/)
  const bomb = Bun.gzipSync(new Uint8Array(5_000_000))
  expect(() => decodeRequestBody(bomb, "gzip", 100_000)).toThrow(/exceeds the limit/)
})
