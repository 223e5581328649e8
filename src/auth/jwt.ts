/** A JWT's payload claims, decoded without verification; undefined when it is not a JWT. */
export function decodeJwtClaims(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split(".")[1]
  if (!payload) return undefined
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
    return claims && typeof claims === "object" && !Array.isArray(claims) ? claims : undefined
  } catch {
    return undefined
  }
}

/** The `exp` claim in epoch milliseconds; undefined when absent or undecodable. */
export function jwtExpiresAt(token: string | undefined): number | undefined {
  const exp = decodeJwtClaims(token)?.exp
  return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined
}
