import { LoginError } from "./errors"

export interface PastedCode {
  code: string
  /** Present when the paste carried one (`code#state` or a redirect URL). */
  state?: string
}

/**
 * What a person pasted after logging in: the bare code, `code#state` (what Claude's console
 * page shows), or the whole redirect URL the browser landed on (`...?code=...&state=...`).
 */
export function parsePastedCode(input: string): PastedCode {
  const text = input.trim()
  if (text === "") throw new LoginError("no code was entered")
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text)
    const error = url.searchParams.get("error")
    if (error) throw new LoginError(`the provider refused the login: ${error}`)
    const code = url.searchParams.get("code")
    if (!code) throw new LoginError("the pasted URL has no code parameter")
    return { code, state: url.searchParams.get("state") ?? undefined }
  }
  const hash = text.indexOf("#")
  if (hash < 0) return { code: text }
  return { code: text.slice(0, hash), state: text.slice(hash + 1) || undefined }
}

/** The pasted code, after checking that any state it carried is this login's. */
export function checkedPastedCode(input: string, expectedState: string): string {
  const pasted = parsePastedCode(input)
  if (pasted.state !== undefined && pasted.state !== expectedState) {
    throw new LoginError("the pasted code belongs to another login attempt (state mismatch); run the login again")
  }
  return pasted.code
}
