import { createHash, randomBytes } from "node:crypto"

export interface Pkce {
  /** 43 characters: base64url of 32 random bytes, no padding. */
  verifier: string
  /** base64url(SHA-256(verifier)), no padding. */
  challenge: string
  method: "S256"
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url")
  const challenge = createHash("sha256").update(verifier).digest("base64url")
  return { verifier, challenge, method: "S256" }
}

/** An unguessable OAuth `state` (32 random bytes, base64url). */
export function createState(): string {
  return randomBytes(32).toString("base64url")
}
