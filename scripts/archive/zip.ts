import { crc32, deflateRawSync } from "node:zlib"
import type { ArchiveEntry } from "./tar-gz"

const UTF8_NAMES = 0x0800
const DEFLATE = 8
const VERSION_NEEDED = 20
/** "Made by" Unix, so unzip on Unix restores the permission bits. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED
/** 1980-01-01 00:00, the earliest DOS date: fixed so builds are reproducible. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const REGULAR_FILE = 0o100000

interface Written {
  name: Uint8Array
  crc: number
  compressedSize: number
  size: number
  mode: number
  offset: number
}

function localHeader(file: Written): Uint8Array {
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(VERSION_NEEDED, 4)
  header.writeUInt16LE(UTF8_NAMES, 6)
  header.writeUInt16LE(DEFLATE, 8)
  header.writeUInt16LE(DOS_TIME, 10)
  header.writeUInt16LE(DOS_DATE, 12)
  header.writeUInt32LE(file.crc, 14)
  header.writeUInt32LE(file.compressedSize, 18)
  header.writeUInt32LE(file.size, 22)
  header.writeUInt16LE(file.name.length, 26)
  header.writeUInt16LE(0, 28)
  return header
}

function centralHeader(file: Written): Uint8Array {
  const header = Buffer.alloc(46)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(VERSION_MADE_BY, 4)
  header.writeUInt16LE(VERSION_NEEDED, 6)
  header.writeUInt16LE(UTF8_NAMES, 8)
  header.writeUInt16LE(DEFLATE, 10)
  header.writeUInt16LE(DOS_TIME, 12)
  header.writeUInt16LE(DOS_DATE, 14)
  header.writeUInt32LE(file.crc, 16)
  header.writeUInt32LE(file.compressedSize, 20)
  header.writeUInt32LE(file.size, 24)
  header.writeUInt16LE(file.name.length, 28)
  // extra field, comment, disk number, internal attributes: all 0
  header.writeUInt32LE(((REGULAR_FILE | file.mode) << 16) >>> 0, 38)
  header.writeUInt32LE(file.offset, 42)
  return header
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const record = Buffer.alloc(22)
  record.writeUInt32LE(0x06054b50, 0)
  record.writeUInt16LE(count, 8)
  record.writeUInt16LE(count, 10)
  record.writeUInt32LE(size, 12)
  record.writeUInt32LE(offset, 16)
  return record
}

/** A deflated zip of regular files, for Windows users who open it with Explorer. Entries must stay under 4 GiB (no zip64). */
export function zipArchive(entries: ArchiveEntry[]): Uint8Array {
  const parts: Uint8Array[] = []
  const written: Written[] = []
  let offset = 0
  for (const entry of entries) {
    const compressed = deflateRawSync(entry.data, { level: 9 })
    const file: Written = { name: Buffer.from(entry.name), crc: crc32(entry.data), compressedSize: compressed.length, size: entry.data.length, mode: entry.mode, offset }
    const header = localHeader(file)
    parts.push(header, file.name, compressed)
    offset += header.length + file.name.length + compressed.length
    written.push(file)
  }
  const directoryStart = offset
  for (const file of written) {
    const header = centralHeader(file)
    parts.push(header, file.name)
    offset += header.length + file.name.length
  }
  parts.push(endOfCentralDirectory(written.length, offset - directoryStart, directoryStart))
  return Buffer.concat(parts)
}
