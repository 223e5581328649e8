import { redactText } from "./redact"

export const REDACTED = "[redacted]"

const SECRET_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie|set-cookie|x-auth-token|x-access-token|x-refresh-token)$/i
const SECRET_FIELD =
  /^(authorization|password|passwd|secret|client[-_]?secret|api[-_]?key|x[-_]api[-_]key|cookie|set-cookie|code[-_]?verifier|device[-_]?code|((access|refresh|id|auth|bearer|session)[-_]?)?token|(access|refresh|id|auth)Token)$/i
// An OAuth token request carries the one-time authorization code as `code`; elsewhere `code` is harmless (error codes).
const OAUTH_ONLY_FIELD = /^code$/i
const MAX_DEPTH = 64
const JSON_SECRET_PAIR = /"((?:access|refresh|id|auth|session)?_?token|client_secret|password|api_key|code_verifier|device_code|authorization|x-api-key)"\s*:\s*"(?:[^"\\]|\\.)*"?/gi

const isOAuthShaped = (value: Record<string, unknown>) => "grant_type" in value || "code_verifier" in value || "redirect_uri" in value

/** Header name → value with every credential replaced; `Bearer x` keeps its scheme. Extra names are matched case-insensitively. */
export function redactHeaders(headers: Headers | Record<string, string> | undefined, extraNames: readonly string[] = []): Record<string, string> {
  const extra = new Set(extraNames.map((name) => name.toLowerCase()))
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers ?? {})
  const out: Record<string, string> = {}
  for (const [name, value] of entries) {
    if (!SECRET_HEADER.test(name) && !extra.has(name.toLowerCase())) out[name] = redactText(String(value))
    else out[name] = /^(bearer|basic)\s/i.test(value) ? `${value.split(/\s/)[0]} ${REDACTED}` : REDACTED
  }
  return out
}

/**
 * A deep copy of a JSON payload with the string values of secret fields and token-looking
 * strings replaced; deep enough for real request bodies. Objects and arrays under a secret
 * name (a tool schema's `properties.password`) are walked, not replaced.
 */
export function redactJson(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return REDACTED
  if (typeof value === "string") return redactText(value)
  if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1))
  if (!value || typeof value !== "object") return value
  const oauth = isOAuthShaped(value as Record<string, unknown>)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const secret = SECRET_FIELD.test(key) || (oauth && OAUTH_ONLY_FIELD.test(key))
    out[key] = secret && typeof item === "string" && item !== "" ? REDACTED : redactJson(item, depth + 1)
  }
  return out
}

/**
 * For replayable bodies: only the credential fields of an OAuth-shaped object (token calls)
 * are replaced; any other body, prompts and tool schemas included, is returned as it is.
 */
export function redactOAuthFields(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || !value || typeof value !== "object") return value
  if (Array.isArray(value)) return value.map((item) => redactOAuthFields(item, depth + 1))
  const oauth = isOAuthShaped(value as Record<string, unknown>)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const secret = oauth && (SECRET_FIELD.test(key) || OAUTH_ONLY_FIELD.test(key))
    out[key] = secret && typeof item === "string" && item !== "" ? REDACTED : redactOAuthFields(item, depth + 1)
  }
  return out
}

function redactForm(text: string): string {
  const params = new URLSearchParams(text)
  const oauth = params.has("grant_type") || params.has("code_verifier") || params.has("redirect_uri")
  for (const [key] of params) {
    if (SECRET_FIELD.test(key) || (oauth && OAUTH_ONLY_FIELD.test(key))) params.set(key, REDACTED)
  }
  return redactText(params.toString())
}

/** A body as text, redacted by its shape: JSON fields, form fields (OAuth token calls), or token-looking text. */
export function redactBodyText(text: string, contentType = ""): string {
  const trimmed = text.trimStart()
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)))
    } catch {}
  }
  if (contentType.includes("application/x-www-form-urlencoded")) return redactForm(text)
  // Cut or broken JSON cannot be parsed; its secret fields are still found by name.
  return redactText(text.replace(JSON_SECRET_PAIR, `"$1":"${REDACTED}"`))
}

/** The URL with secret-named query parameters replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    for (const [key] of parsed.searchParams) if (SECRET_FIELD.test(key) || /^(key|code|sig|signature)$/i.test(key)) parsed.searchParams.set(key, REDACTED)
    return redactText(parsed.toString())
  } catch {
    return redactText(url)
  }
}

/** The credential values carried by these headers (and the token inside `Bearer x`), for scrubbing them from anywhere else. */
export function headerSecrets(headers: Headers | Record<string, string> | undefined, extraNames: readonly string[] = []): string[] {
  const extra = new Set(extraNames.map((name) => name.toLowerCase()))
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers ?? {})
  const secrets: string[] = []
  for (const [name, value] of entries) {
    if (!SECRET_HEADER.test(name) && !extra.has(name.toLowerCase())) continue
    secrets.push(value)
    const token = value.match(/^(?:bearer|basic)\s+(.+)$/i)?.[1]
    if (token) secrets.push(token.trim())
  }
  return secrets
}

/** Replaces every occurrence of known secret values, however short: they are exact credentials, not guesses. Longest first. */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const known = [...new Set([...secrets].filter((secret): secret is string => Boolean(secret?.trim())))].sort((a, b) => b.length - a.length)
  let out = text
  for (const secret of known) out = out.replaceAll(secret, REDACTED)
  return out
}
