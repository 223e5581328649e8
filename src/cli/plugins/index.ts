import { defineCommand } from "citty"

export const pluginsCommand = defineCommand({
  meta: { name: "plugins", description: "List plugins and their settings" },
  subCommands: {
    list: () => import("./list").then((module) => module.listCommand),
    settings: () => import("./settings").then((module) => module.settingsCommand),
  },
})
