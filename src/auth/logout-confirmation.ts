import type { Interaction } from "./interaction"

/** True when logout may go ahead: `--yes`, or the person said yes. */
export async function confirmLogout(interaction: Interaction, yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes) return true
  if (await interaction.confirm(question)) return true
  interaction.print("Nothing removed.")
  return false
}
