import { openBrowser } from "./open-browser"

/**
 * How a login talks to the person at the terminal. The default uses stdout and consola
 * prompts; tests pass their own.
 */
export interface Interaction {
  print(line: string): void
  /** Asks for one line of text (the pasted code). */
  prompt(message: string): Promise<string>
  /** Yes/no; must not block when nobody can answer. */
  confirm(message: string): Promise<boolean>
  openBrowser(url: string): Promise<boolean>
}

/** consola's prompts pull in its whole terminal UI: loaded only when a login asks something. */
const prompts = async () => (await import("consola")).consola

export const terminalInteraction: Interaction = {
  print: (line) => console.log(line),
  async prompt(message) {
    if (!process.stdin.isTTY) return (await readStdinLine(message)) ?? ""
    const answer = await (await prompts()).prompt(message, { type: "text", cancel: "reject" })
    return typeof answer === "string" ? answer : ""
  },
  async confirm(message) {
    if (!process.stdin.isTTY) throw new Error(`${message} (no terminal to ask; pass --yes)`)
    return (await (await prompts()).prompt(message, { type: "confirm", initial: false, cancel: "reject" })) === true
  },
  openBrowser,
}

/** Piped input (`echo CODE | ccproxy auth login ... --manual`): the first line. */
async function readStdinLine(message: string): Promise<string | undefined> {
  process.stderr.write(`${message} `)
  try {
    for await (const line of console) return line
    return undefined
  } finally {
    // Piped input is not echoed: end the prompt's line so what follows does not run on after it.
    process.stderr.write("\n")
  }
}
