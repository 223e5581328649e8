import { AuthError, ProxyError } from "~/core/errors"
import type { TokenRecord } from "./token-store"

/** A credential file exists but cannot be used; it is left exactly as it is. */
export class CredentialFileError extends ProxyError {
  override code = "credential_file_invalid"
  constructor(
    readonly path: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`credential file ${path} is not usable: ${reason} (it was left unchanged; fix or remove it, or log in again)`, options)
  }
}

/** The token endpoint refused or failed; `oauthError` is its `error` code, e.g. `invalid_grant`. */
export class TokenEndpointError extends ProxyError {
  override code = "token_endpoint_error"
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    readonly oauthError?: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/**
 * The token endpoint renewed the tokens, which spent the old refresh token, but they could not
 * be written. `record` holds them, so they are not lost; `retrySave` tries the write again.
 */
export class UnsavedTokensError extends ProxyError {
  override code = "credentials_not_saved"
  constructor(
    readonly path: string,
    readonly record: TokenRecord,
    readonly retrySave: () => TokenRecord,
    options: ErrorOptions & { cause: unknown },
  ) {
    super(`${path} could not be written (${(options.cause as Error)?.message ?? options.cause})`, options)
  }
}

/** The loopback callback port is taken; the caller may fall back to pasting the code. */
export class PortInUseError extends ProxyError {
  override code = "callback_port_in_use"
  constructor(readonly port: number) {
    super(`port ${port} is already in use`)
  }
}

/** Login did not complete: timeout, state mismatch, an error from the provider, a bad paste. */
export class LoginError extends ProxyError {
  override code = "login_failed"
}

/** No usable credentials: the message ends with the command that fixes it. */
export function notLoggedIn(provider: string, reason: string, options?: ErrorOptions): AuthError {
  return new AuthError(`${reason}; run \`ccproxy auth login ${provider}\``, options)
}
