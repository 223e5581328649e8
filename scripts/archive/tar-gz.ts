import { gzipSync } from "node:zlib"

export interface ArchiveEntry {
  /** Path inside the archive, "/"-separated, at most 100 bytes. */
  name: string
  data: Uint8Array
  /** Unix permission bits, e.g. 0o755 for an executable. */
  mode: number
}

const BLOCK = 512
const RECORD = BLOCK * 20
const encoder = new TextEncoder()

function writeString(header: Uint8Array, offset: number, length: number, text: string) {
  const bytes = encoder.encode(text)
  if (bytes.length > length) throw new Error(`tar: "${text}" does not fit in ${length} bytes`)
  header.set(bytes, offset)
}

/** A zero-padded octal number ending in NUL, as ustar fields are written. */
function writeOctal(header: Uint8Array, offset: number, length: number, value: number) {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`)
}

/** One ustar header; owner root, time 0, so the same input always gives the same bytes. */
function ustarHeader(entry: ArchiveEntry, mtime: number): Uint8Array {
  const header = new Uint8Array(BLOCK)
  writeString(header, 0, 100, entry.name)
  writeOctal(header, 100, 8, entry.mode)
  writeOctal(header, 108, 8, 0)
  writeOctal(header, 116, 8, 0)
  writeOctal(header, 124, 12, entry.data.length)
  writeOctal(header, 136, 12, mtime)
  writeString(header, 148, 8, " ".repeat(8))
  writeString(header, 156, 1, "0")
  writeString(header, 257, 8, "ustar\u000000")
  writeString(header, 265, 32, "root")
  writeString(header, 297, 32, "root")
  const checksum = header.reduce((sum, byte) => sum + byte, 0)
  writeString(header, 148, 8, `${checksum.toString(8).padStart(6, "0")}\0 `)
  return header
}

/** A POSIX ustar archive of regular files (no folders, no links). */
export function tarArchive(entries: ArchiveEntry[], mtime = 0): Uint8Array {
  const parts: Uint8Array[] = []
  for (const entry of entries) {
    parts.push(ustarHeader(entry, mtime), entry.data)
    const padding = (BLOCK - (entry.data.length % BLOCK)) % BLOCK
    if (padding) parts.push(new Uint8Array(padding))
  }
  parts.push(new Uint8Array(BLOCK * 2))
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  parts.push(new Uint8Array((RECORD - (length % RECORD)) % RECORD))
  return Buffer.concat(parts)
}

/** `tarArchive` gzipped: the .tar.gz every Unix has the tools to open. */
export function tarGzArchive(entries: ArchiveEntry[], mtime = 0): Uint8Array {
  return gzipSync(tarArchive(entries, mtime), { level: 9 })
}
