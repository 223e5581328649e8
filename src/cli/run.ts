import { renderUsage, runCommand, type ArgsDef, type CommandDef } from "citty"
import { ConfigError, UsageError } from "~/core/errors"
import { VERSION } from "~/version"
import { createRootCommand, type RootOptions } from "./root"

type AnyCommand = CommandDef<ArgsDef>

const resolve = async <T>(value: T | (() => T | Promise<T>) | Promise<T> | undefined): Promise<T | undefined> =>
  typeof value === "function" ? await (value as () => T | Promise<T>)() : await value

/** Names a command accepts as options: `--name`, `--no-name` for booleans, `-a` aliases. */
async function knownOptions(command: AnyCommand): Promise<{ options: Set<string>; valued: Set<string>; positionals: number }> {
  const args = ((await resolve(command.args)) ?? {}) as ArgsDef
  const options = new Set(["--help", "-h"])
  const valued = new Set<string>()
  let positionals = 0
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") {
      positionals++
      continue
    }
    const names = [`--${name}`, ...[(def as { alias?: string | string[] }).alias ?? []].flat().map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))]
    for (const option of names) options.add(option)
    if (def.type === "boolean") options.add(`--no-${name}`)
    else for (const option of names) valued.add(option)
  }
  return { options, valued, positionals }
}

/** Finds the command named by the leading words, refusing unknown ones. */
async function resolveCommand(root: AnyCommand, argv: string[]): Promise<{ command: AnyCommand; parent?: AnyCommand; rest: string[] }> {
  let command = root
  let parent: AnyCommand | undefined
  let rest = argv
  for (;;) {
    const subCommands = (await resolve(command.subCommands)) as Record<string, unknown> | undefined
    const word = rest[0]
    if (!subCommands || word === undefined || word.startsWith("-")) return { command, parent, rest }
    // Own names only: `ccproxy config constructor` found Object's constructor and exited 0.
    const next = Object.hasOwn(subCommands, word) ? await resolve(subCommands[word] as AnyCommand | (() => Promise<AnyCommand>)) : undefined
    if (!next) throw Object.assign(new UsageError(`unknown command "${word}"`), { command, parent })
    parent = command
    command = next
    rest = rest.slice(1)
  }
}

async function checkOptions(command: AnyCommand, rest: string[]): Promise<void> {
  const { options, valued, positionals } = await knownOptions(command)
  let seen = 0
  // A word the command has no place for was silently dropped (`ccproxy serve 9000` listened on 8000).
  const positional = (arg: string) => {
    if (++seen <= positionals) return
    const hint = /^\d+$/.test(arg) && options.has("--port") ? `; did you mean --port ${arg}?` : ""
    throw new UsageError(`unexpected argument "${arg}"${hint}`)
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === "--") {
      for (const after of rest.slice(i + 1)) positional(after)
      break
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional(arg)
      continue
    }
    const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg
    if (!options.has(name)) throw new UsageError(`unknown option ${name}`)
    if (valued.has(name) && !arg.includes("=")) {
      if (i + 1 >= rest.length) throw new UsageError(`option ${name} needs a value`)
      i++
    }
  }
}

/** Runs the CLI; returns the exit code. Usage mistakes exit 2 with one line and the help. */
export async function runCli(argv: string[], options: RootOptions = {}): Promise<number> {
  const root = createRootCommand(argv, options)
  let command = root
  let parent: AnyCommand | undefined
  try {
    if (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "-V") {
      console.log(VERSION)
      return 0
    }
    const resolved = await resolveCommand(root, argv)
    ;({ command, parent } = resolved)
    const subCommands = await resolve(command.subCommands)
    const help = resolved.rest.includes("--help") || resolved.rest.includes("-h")
    // A command group shows its help, but not over a mistake (`ccproxy --port 5`, `ccproxy auth --bogus`).
    if (!help) await checkOptions(command, resolved.rest)
    if (help || (subCommands && !command.run)) {
      console.log(plain(await renderUsage(command, parent), process.stdout.isTTY))
      return 0
    }
    const { result } = await runCommand(command, { rawArgs: resolved.rest })
    return typeof result === "number" ? result : 0
  } catch (error) {
    return reportCliError(error, command, parent)
  }
}

/** Usage text without colour codes when it does not go to a terminal. */
function plain(text: string, isTTY: boolean | undefined): string {
  return isTTY ? text : text.replace(/\x1b\[[0-9;]*m/g, "")
}

async function reportCliError(error: unknown, command: AnyCommand, parent: AnyCommand | undefined): Promise<number> {
  const err = error as Error & { command?: AnyCommand; parent?: AnyCommand }
  if (error instanceof UsageError || err?.name === "CLIError") {
    console.error(`error: ${err.message.replace(/\x1b\[[0-9;]*m/g, "")}\n`)
    console.error(plain(await renderUsage(err.command ?? command, err.parent ?? parent), process.stderr.isTTY))
    return 2
  }
  if (error instanceof ConfigError) {
    console.error(`error: ${err.message}`)
    return 2
  }
  console.error(`error: ${err?.message ?? String(error)}`)
  if (process.env.CCPROXY_DEBUG) console.error(err?.stack)
  return 1
}
