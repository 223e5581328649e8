/** One upstream request, already redacted as wanted. */
export interface ReplayRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body exactly as it is to be sent. */
  body: string
  streaming: boolean
}

// Set by curl and xh themselves from the URL and the body.
const SKIPPED_HEADERS = new Set(["content-length", "host", "connection", "transfer-encoding"])

/** A POSIX shell single-quoted word: safe for any text. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

const headerEntries = (request: ReplayRequest) => Object.entries(request.headers).filter(([name]) => !SKIPPED_HEADERS.has(name.toLowerCase()))

/**
 * The body goes through `printf` (a shell builtin, so no argument length limit; real request
 * bodies often exceed Linux's 128 KiB per argument) into the tool's stdin, byte for byte.
 */
function command(parts: string[], request: ReplayRequest, pretty: boolean): string {
  const feed = `printf '%s' ${shellQuote(request.body)} |`
  return pretty ? `${feed} ${parts[0]} \\\n  ${parts.slice(1).join(" \\\n  ")}\n` : `${feed} ${parts.join(" ")}\n`
}

export function curlCommand(request: ReplayRequest, pretty: boolean): string {
  const parts = [`curl -sS${request.streaming ? " -N" : ""} -X ${request.method} ${shellQuote(request.url)}`]
  for (const [name, value] of headerEntries(request)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  parts.push("--data-binary @-")
  return command(parts, request, pretty)
}

export function xhCommand(request: ReplayRequest, pretty: boolean): string {
  const parts = [`xh${request.streaming ? " --stream" : ""} ${request.method} ${shellQuote(request.url)}`]
  for (const [name, value] of headerEntries(request)) parts.push(shellQuote(`${name}:${value}`))
  return command(parts, request, pretty)
}
