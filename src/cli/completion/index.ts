import { defineCommand } from "citty"
import { UsageError } from "~/core/errors"
import { createRootCommand } from "../root"
import { bashCompletion } from "./bash"
import { fishCompletion } from "./fish"
import { commandTree, type CommandNode } from "./tree"
import { zshCompletion } from "./zsh"

const GENERATORS: Record<string, (root: CommandNode) => string> = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion }

/** The completion script for `shell`, generated from ccproxy's command tree (with the enabled plugins' auth commands). */
export async function completionScript(shell: string): Promise<string> {
  const generate = GENERATORS[shell]
  if (!generate) throw new UsageError(`unknown shell "${shell}"; choose bash, zsh or fish`)
  return generate(await commandTree(createRootCommand()))
}

export async function runCompletion(shell: string): Promise<number> {
  process.stdout.write(await completionScript(shell))
  return 0
}

export const completionCommand = defineCommand({
  meta: { name: "completion", description: "Print a shell completion script (bash, zsh or fish)" },
  args: { shell: { type: "positional", description: "bash, zsh or fish", required: true } },
  run: ({ args }) => runCompletion(String(args.shell)),
})
