import { Kind, type TObject, type TSchema } from "@sinclair/typebox"
import { describeType } from "./schema-walk"

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ")
}

function rows(schema: TObject, prefix: string): string[] {
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([key, field]) => {
    const name = `${prefix}${key}`
    if (field[Kind] === "Object") return rows(field as TObject, `${name}.`)
    if (field[Kind] === "Record") return []
    const fallback = field.default === undefined ? "unset" : `\`${JSON.stringify(field.default)}\``
    const env = name.toUpperCase().replaceAll(".", "__")
    return [`| \`${name}\` | ${cell(describeType(field))} | ${fallback} | \`${env}\` | ${cell(field.description ?? "")}${field.secret ? " (secret: masked when shown)" : ""} |`]
  })
}

/** The configuration reference in Markdown, from the same schemas that validate settings. */
export function renderConfigReference(core: TObject, plugins: Array<{ name: string; description?: string; schema: TObject }>): string {
  const header = "| key | type | default | environment | description |\n|---|---|---|---|---|"
  const parts = [
    "# Configuration reference",
    "",
    "Generated from the schemas by `bun run config:sample`; a test keeps it in sync. Precedence:",
    "command-line flags > environment > TOML file > defaults. Every environment variable also works",
    "with a `CCPROXY_` prefix, which wins over the bare name. Lists take `a,b` or a JSON array.",
    "",
    "The file read is `--config`, else `$CCPROXY_CONFIG`, else the first that exists of `./.ccproxy.toml`,",
    "`./ccproxy.toml` and `$XDG_CONFIG_HOME/ccproxy/config.toml` (`~/.config/ccproxy/config.toml`).",
    "`ccproxy config show` prints the effective values and where each came from; `ccproxy config validate`",
    "lists every problem; unknown keys are warned about with a did-you-mean.",
    "",
    "## Core",
    "",
    header,
    ...rows(core, ""),
  ]
  for (const plugin of plugins) {
    parts.push("", `## Plugin \`${plugin.name}\``, "", plugin.description ?? "", "", header, ...rows(plugin.schema, `plugins.${plugin.name}.`))
  }
  return parts.join("\n") + "\n"
}
