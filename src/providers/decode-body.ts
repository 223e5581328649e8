import { InvalidRequestError } from "~/core/errors"

type Zlib = typeof import("node:zlib")
/** node:zlib is a sixth of the start-up's module loading; most bodies are not compressed, so it loads at the first one that is. */
const zlib = (): Zlib => require("node:zlib") as Zlib

/**
 * A request body decoded from its `content-encoding` (the Codex CLI may compress with zstd or
 * gzip). Decoded size is capped so a small bomb cannot expand past `maxBytes`.
 */
export function decodeRequestBody(bytes: Uint8Array, encoding: string | null, maxBytes: number): Uint8Array {
  if (!encoding) return bytes
  const codings = encoding.split(",").map((coding) => coding.trim().toLowerCase()).filter((coding) => coding && coding !== "identity")
  let body = bytes
  if (codings.length === 0) return body
  const { brotliDecompressSync, gunzipSync, zstdDecompressSync } = zlib()
  // The output cap makes zlib stop early instead of inflating a bomb into memory.
  const limit = { maxOutputLength: Number.isFinite(maxBytes) ? maxBytes + 1 : 2 ** 31 - 1 }
  for (const coding of codings.reverse()) {
    try {
      if (coding === "gzip" || coding === "x-gzip") body = new Uint8Array(gunzipSync(body, limit))
      else if (coding === "deflate") body = new Uint8Array(inflateDeflate(body, limit))
      else if (coding === "zstd") body = new Uint8Array(zstdDecompressSync(body, limit))
      else if (coding === "br") body = new Uint8Array(brotliDecompressSync(body, limit))
      else throw new InvalidRequestError(`Unsupported content-encoding ${coding}; send gzip, deflate, br, zstd or none`, 415)
    } catch (error) {
      if (error instanceof InvalidRequestError) throw error
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || /maxOutputLength|too large/i.test((error as Error).message)) {
        throw new InvalidRequestError(`Decoded request body exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
      }
      throw new InvalidRequestError(`Request body is not valid ${coding}: ${(error as Error).message}`)
    }
    if (body.byteLength > maxBytes) throw new InvalidRequestError(`Decoded request body exceeds the limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
  }
  return body
}

/** HTTP "deflate" is zlib-wrapped by the spec, but raw deflate is common in practice. */
function inflateDeflate(body: Uint8Array, limit: { maxOutputLength: number }): Buffer {
  try {
    return zlib().inflateSync(body, limit)
  } catch (error) {
    if (/header/i.test((error as Error).message)) return zlib().inflateRawSync(body, limit)
    throw error
  }
}
