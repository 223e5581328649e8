import type { ArgDef, ArgsDef, CommandDef } from "citty"
import { builtinPlugins } from "../../../plugins"
import { PROVIDER_NAME as CLAUDE_PROVIDER } from "../../../plugins/oauth_claude/provider"
import { PROVIDER_NAME as CODEX_PROVIDER } from "../../../plugins/oauth_codex/provider"
import { PROVIDER_NAME as COPILOT_PROVIDER } from "../../../plugins/oauth_copilot/provider"

/** What a shell may offer after an option: files, folders, a fixed list, or anything. */
export type ValueHint = "file" | "dir" | "any" | readonly string[]

export interface OptionSpec {
  /** `--name` first, then aliases such as `-c`. */
  names: string[]
  description: string
  /** Omitted for boolean flags. */
  value?: ValueHint
}

export interface CommandNode {
  /** Words from the root, e.g. ["config", "show"]; [] for ccproxy itself. */
  path: string[]
  name: string
  description: string
  options: OptionSpec[]
  subcommands: CommandNode[]
  /** Words a positional argument may take, when there is a fixed list. */
  positionalChoices: string[]
}

type AnyCommand = CommandDef<ArgsDef>

const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

/** Values of options that the citty definitions describe only in words. */
const VALUE_HINTS: Record<string, ValueHint> = {
  config: "file",
  file: "file",
  "plugin-dir": "dir",
  "log-format": ["pretty", "json"],
  "log-level": LOG_LEVELS,
}

/** The built-in auth providers (external plugins may add more; they still complete as free text). */
const PROVIDERS = [CLAUDE_PROVIDER, CODEX_PROVIDER, COPILOT_PROVIDER]

/** Fixed words for a command's positional argument, by command path. */
const POSITIONAL_CHOICES: Record<string, string[]> = {
  completion: ["bash", "zsh", "fish"],
  "auth login": PROVIDERS,
  "auth status": PROVIDERS,
  "auth refresh": PROVIDERS,
  "auth logout": PROVIDERS,
  "plugins settings": builtinPlugins.map((factory) => factory.manifest.name),
}

const HELP_OPTION: OptionSpec = { names: ["--help", "-h"], description: "Show help" }

const resolveValue = async <T>(value: T | (() => T | Promise<T>) | Promise<T> | undefined): Promise<T | undefined> =>
  typeof value === "function" ? await (value as () => T | Promise<T>)() : await value

function optionSpec(name: string, def: ArgDef): OptionSpec {
  const aliases = [(def as { alias?: string | string[] }).alias ?? []].flat()
  const names = [`--${name}`, ...aliases.map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))]
  const description = def.description ?? ""
  if (def.type === "boolean") return { names, description }
  const choices = def.type === "enum" ? (def as { options?: string[] }).options : undefined
  return { names, description, value: choices ?? VALUE_HINTS[name] ?? "any" }
}

/** Walks a citty command and its (lazy) subcommands into a plain tree the generators read. */
export async function commandTree(command: AnyCommand, path: string[] = []): Promise<CommandNode> {
  const meta = (await resolveValue(command.meta)) ?? {}
  const args = ((await resolveValue(command.args)) ?? {}) as ArgsDef
  const options = Object.entries(args)
    .filter(([, def]) => def.type !== "positional")
    .map(([name, def]) => optionSpec(name, def))
  const subCommands = ((await resolveValue(command.subCommands)) ?? {}) as Record<string, unknown>
  const subcommands: CommandNode[] = []
  for (const [name, sub] of Object.entries(subCommands)) {
    const resolved = await resolveValue(sub as AnyCommand | (() => Promise<AnyCommand>))
    if (resolved) subcommands.push(await commandTree(resolved, [...path, name]))
  }
  return {
    path,
    name: path.at(-1) ?? meta.name ?? "",
    description: meta.description ?? "",
    options: [...options, HELP_OPTION],
    subcommands,
    positionalChoices: POSITIONAL_CHOICES[path.join(" ")] ?? [],
  }
}

/** Every node, parents before children. */
export function allNodes(root: CommandNode): CommandNode[] {
  return [root, ...root.subcommands.flatMap(allNodes)]
}

/** The option names that take a value (`--port`, `-p`). */
export function valuedNames(node: CommandNode): string[] {
  return node.options.filter((option) => option.value).flatMap((option) => option.names)
}
