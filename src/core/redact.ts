const SECRET_KEY =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|cookie|set-cookie|password|secret|client[-_]?secret|((access|refresh|id|auth|bearer|session)[-_]?)?token|(access|refresh|id|auth)Token)$/i
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi
const KNOWN_TOKEN = /\b(sk-ant-[a-z0-9]+-|sk-|ghu_|gho_|ghp_|eyJ)[A-Za-z0-9._-]{8,}/g
// A GitHub Copilot API token: `tid=...;exp=...;sku=...;...:<signature>`.
const COPILOT_TOKEN = /\btid=[A-Za-z0-9_-]+;exp=\d+[^\s"'\\]*/g

/** Masks a secret for display: the first 4 characters when it is long enough, then stars. */
export function maskSecret(value: string): string {
  if (value.length < 12) return "****"
  return `${value.slice(0, 4)}****`
}

/** Removes bearer tokens and well-known token shapes from free text. */
export function redactText(text: string): string {
  return text.replace(BEARER, "$1[redacted]").replace(KNOWN_TOKEN, "[redacted]").replace(COPILOT_TOKEN, "[redacted]")
}

/** A deep copy with every secret-looking key's value replaced, and tokens in strings masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]"
  if (typeof value === "string") return redactText(value)
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  if (value instanceof Headers) return redact(Object.fromEntries(value), depth)
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined && item !== "" ? "[redacted]" : redact(item, depth + 1)
    }
    return out
  }
  return value
}
