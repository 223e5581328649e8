import type { Interaction } from "./interaction"

/** A stored login that logout can remove: a file of its own, or an entry among other settings. */
export interface RemovableLogin {
  readonly path: string
  removeLogin(): "entry" | "file" | "none"
}

/**
 * `auth logout`: once `--yes` is given or the person agrees, removes the login and says what
 * went. False when they declined, and nothing was removed.
 */
export async function runLogout(interaction: Interaction, store: RemovableLogin, options: { yes?: boolean; question: string; login: string }): Promise<boolean> {
  if (!(await confirmLogout(interaction, options.yes, options.question))) return false
  const removed = store.removeLogin()
  const { path } = store
  interaction.print(removed === "none" ? `No ${options.login} login in ${path}; nothing to remove.` : removed === "file" ? `Removed ${path}.` : `Removed the ${options.login} login from ${path} (other settings in it kept).`)
  return true
}

async function confirmLogout(interaction: Interaction, yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes) return true
  if (await interaction.confirm(question)) return true
  interaction.print("Nothing removed.")
  return false
}
