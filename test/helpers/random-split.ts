/** A small seeded PRNG (mulberry32) so random chunk splits are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits bytes into random pieces of 1..maxPiece bytes, deterministically for a seed. */
export function randomSplit(bytes: Uint8Array, seed: number, maxPiece = 64): Uint8Array[] {
  const random = seededRandom(seed)
  const pieces: Uint8Array[] = []
  let offset = 0
  while (offset < bytes.length) {
    const size = 1 + Math.floor(random() * maxPiece)
    pieces.push(bytes.subarray(offset, offset + size))
    offset += size
  }
  return pieces
}
