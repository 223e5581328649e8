import { LoginError, PortInUseError } from "./errors"

export interface CallbackServerOptions {
  /** 0 picks a free port (tests). */
  port: number
  /** The only path served, e.g. `/callback`. */
  path: string
  /** The `state` the authorize URL carried; a callback with another one is refused and ignored. */
  state: string
  hostname?: string
}

export interface CallbackServer {
  port: number
  /** `http://localhost:<port><path>`: the redirect URI to put in the authorize URL. */
  redirectUri: string
  /** The authorization code once the browser comes back; rejects with LoginError. */
  waitForCode(timeoutMs: number): Promise<string>
  stop(): void
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(status: number, title: string, detail: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>ccproxy</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", connection: "close" } })
}

const refusedNote = (count: number) => (count === 0 ? "" : ` (${count} callback${count === 1 ? "" : "s"} with another login attempt's state ${count === 1 ? "was" : "were"} refused)`)

/** Serves the OAuth redirect on the loopback interface until it receives a code. */
export function startCallbackServer(options: CallbackServerOptions): CallbackServer {
  const received = Promise.withResolvers<string>()
  // Nobody may be waiting yet when the browser is fast; the rejection is observed later.
  received.promise.catch(() => {})
  let finished = false
  let refusedStates = 0
  const finish = (result: { code?: string; error?: Error }) => {
    if (finished) return
    finished = true
    if (result.error) received.reject(result.error)
    else received.resolve(result.code!)
  }

  const handle = (request: Request): Response => {
    const url = new URL(request.url)
    if (url.pathname !== options.path) return new Response("Not Found", { status: 404 })
    const error = url.searchParams.get("error")
    // A stale tab or a forged link must not be able to cancel the login in progress.
    if (url.searchParams.get("state") !== options.state) {
      refusedStates++
      return page(400, "Wrong login attempt", "State mismatch: this page does not belong to the login in progress, which is still waiting.")
    }
    if (error) {
      const description = url.searchParams.get("error_description")
      finish({ error: new LoginError(`the provider refused the login: ${error}${description ? `: ${description}` : ""}`) })
      return page(400, "Login failed", `${error}${description ? `: ${description}` : ""}`)
    }
    const code = url.searchParams.get("code")
    if (!code) {
      finish({ error: new LoginError("the callback carried no authorization code") })
      return page(400, "Login failed", "No authorization code in the callback.")
    }
    finish({ code })
    return page(200, "Login complete", "You can close this tab and return to the terminal.")
  }

  let server: ReturnType<typeof Bun.serve>
  try {
    server = Bun.serve({ hostname: options.hostname ?? "localhost", port: options.port, fetch: handle })
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") throw new PortInUseError(options.port)
    throw error
  }
  const port = server.port!
  // Graceful: the page answering the last callback still reaches the browser.
  const stop = () => void server.stop()

  return {
    port,
    redirectUri: `http://localhost:${port}${options.path}`,
    stop,
    waitForCode(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new LoginError(`no callback from the browser within ${Math.round(timeoutMs / 1000)} s${refusedNote(refusedStates)}; run the login again, or with --manual to paste the code`)), timeoutMs)
      })
      return Promise.race([received.promise, timeout]).finally(() => {
        clearTimeout(timer)
        stop()
      })
    },
  }
}
