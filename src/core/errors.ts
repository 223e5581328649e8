const PROXY_ERROR = Symbol.for("ccproxy.ProxyError")

/**
 * Base of every error ccproxy turns into an HTTP response or a CLI message.
 * `code` is stable for programs; `status` is the HTTP status; `type` is the API error type.
 * Matched with `ProxyError.isInstance()` so copies bundled into external plugins still match.
 */
export class ProxyError extends Error {
  readonly [PROXY_ERROR] = true
  status = 500
  type = "api_error"
  code = "proxy_error"

  static isInstance(value: unknown): value is ProxyError {
    return typeof value === "object" && value !== null && PROXY_ERROR in value
  }
}

/** A request a client sent that we will not process: bad JSON, bad fields, too large. */
export class InvalidRequestError extends ProxyError {
  override status: number
  override type = "invalid_request_error"
  override code = "invalid_request"
  constructor(message: string, status = 400, options?: ErrorOptions) {
    super(message, options)
    this.status = status
  }
}

/** The proxy's own token was missing or wrong, or a provider has no usable credentials. */
export class AuthError extends ProxyError {
  override status = 401
  override type = "authentication_error"
  override code = "authentication_required"
}

export class NotFoundError extends ProxyError {
  override status = 404
  override type = "not_found_error"
  override code = "not_found"
}

/** A component is not ready yet (plugin still initializing, or failed). */
export class UnavailableError extends ProxyError {
  override status = 503
  override type = "overloaded_error"
  override code = "unavailable"
}

/** Invalid configuration: `problems` lists each key, its source and what was wrong. */
export class ConfigError extends ProxyError {
  override code = "config_invalid"
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join("\n")}` : message)
  }
}

export class PluginError extends ProxyError {
  override code = "plugin_error"
  constructor(
    readonly plugin: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`plugin ${plugin}: ${message}`, options)
  }
}

/** The upstream answered with an error status, or could not be reached. */
export class UpstreamError extends ProxyError {
  override code = "upstream_error"
  readonly retryable: boolean
  constructor(
    message: string,
    readonly upstreamStatus: number | undefined,
    readonly url: string,
    readonly body?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.status = upstreamStatus ?? 502
    this.retryable = upstreamStatus === undefined || [408, 409, 429].includes(upstreamStatus) || upstreamStatus >= 500
  }
}

/** A usage mistake on the command line: exit 2 with one line and the command's help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "UsageError"
  }
}
