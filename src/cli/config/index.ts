import { defineCommand } from "citty"

export const configCommand = defineCommand({
  meta: { name: "config", description: "Show, validate or create the configuration" },
  subCommands: {
    show: () => import("./show").then((module) => module.showCommand),
    validate: () => import("./validate").then((module) => module.validateCommand),
    init: () => import("./init").then((module) => module.initCommand),
  },
})
