/** Fakes for OAuth tests: a token endpoint that records what it receives, JWTs, a scripted terminal. */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Interaction } from "~/auth/interaction"
import { startFakeServer, type FakeServer } from "./fake-server"

export interface RecordedTokenRequest {
  headers: Headers
  contentType: string
  /** JSON bodies parsed; form bodies as an object of their fields. */
  body: Record<string, string>
  raw: string
}

export interface FakeTokenServer extends FakeServer {
  tokenUrl: string
  received: RecordedTokenRequest[]
}

/** POST /token answers with `answer(body, n)` (n from 1), after `delayMs`. */
export function startFakeTokenServer(answer: (body: Record<string, string>, n: number) => Response | Record<string, unknown> | Promise<Response | Record<string, unknown>>, delayMs = 0): FakeTokenServer {
  const received: RecordedTokenRequest[] = []
  const server = startFakeServer(async (request) => {
    const raw = await request.text()
    const contentType = request.headers.get("content-type") ?? ""
    const body = contentType.includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw))
    received.push({ headers: request.headers, contentType, body, raw })
    if (delayMs) await Bun.sleep(delayMs)
    const result = await answer(body, received.length)
    return result instanceof Response ? result : Response.json(result)
  })
  return Object.assign(server, { tokenUrl: `${server.url}/token`, received })
}

/** An unsigned JWT with these claims (signature is junk: nothing here verifies it). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`
}

export function tempDir(prefix = "oauth-"): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface ScriptedInteraction extends Interaction {
  lines: string[]
  openedUrls: string[]
  prompts: string[]
}

/** A terminal that records what is printed and answers prompts from the given functions. */
export function scriptedInteraction(
  options: { prompt?: (message: string, printed: string[]) => string | Promise<string>; confirm?: boolean; onOpen?: (url: string) => void; onPrint?: (line: string, printed: string[]) => void } = {},
): ScriptedInteraction {
  const lines: string[] = []
  const openedUrls: string[] = []
  const prompts: string[] = []
  return {
    lines,
    openedUrls,
    prompts,
    print(line) {
      lines.push(line)
      options.onPrint?.(line, lines)
    },
    async prompt(message) {
      prompts.push(message)
      return options.prompt ? options.prompt(message, lines) : ""
    },
    confirm: async () => options.confirm ?? false,
    async openBrowser(url) {
      openedUrls.push(url)
      options.onOpen?.(url)
      return true
    },
  }
}

/** Plays the browser: follows the authorize URL's redirect_uri back with a code and a state. */
export function comeBack(authorizeUrl: string, code: string, state?: string): Promise<Response> {
  const url = new URL(authorizeUrl)
  const back = new URL(url.searchParams.get("redirect_uri")!)
  back.searchParams.set("code", code)
  back.searchParams.set("state", state ?? url.searchParams.get("state")!)
  return fetch(back.href.replace("//localhost:", "//127.0.0.1:"))
}

/** The authorize URL a flow printed (the line after "Open this URL"). */
export function printedAuthorizeUrl(lines: string[]): URL {
  const line = lines.find((text) => text.startsWith("Open this URL"))
  if (!line) throw new Error(`no authorize URL printed:\n${lines.join("\n")}`)
  return new URL(line.split("\n").find((part) => part.trim().startsWith("http"))!.trim())
}

export const silentLogger = { info: () => {}, error: () => {}, warn: () => {} }

/** A logger that keeps what it is told, to check failures are loud. */
export function recordingLogger() {
  const messages: Array<{ level: string; message: string }> = []
  return {
    messages,
    info: (message: string) => void messages.push({ level: "info", message }),
    warn: (message: string) => void messages.push({ level: "warn", message }),
    error: (message: string) => void messages.push({ level: "error", message }),
  }
}
