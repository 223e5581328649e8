import { Kind, type TObject, type TSchema } from "@sinclair/typebox"
import { Value } from "@sinclair/typebox/value"
import { describeType } from "./schema-walk"

function tomlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(", ")}]`
  if (typeof value === "string") return JSON.stringify(value)
  if (value && typeof value === "object") {
    const key = (name: string) => (/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name))
    return `{ ${Object.entries(value).map(([name, item]) => `${key(name)} = ${tomlValue(item)}`).join(", ")} }`
  }
  return String(value)
}

function isTable(schema: TSchema): boolean {
  return schema[Kind] === "Object"
}

function renderFields(schema: TObject, lines: string[]): void {
  for (const [key, field] of Object.entries(schema.properties as Record<string, TSchema>)) {
    if (isTable(field) || field[Kind] === "Record") continue
    lines.push(`# ${field.description ?? key} (${describeType(field)})`)
    const value = field.default ?? field.examples?.[0] ?? Value.Create(field)
    lines.push(field.default === undefined ? `# ${key} = ${tomlValue(value)}  # not set by default` : `# ${key} = ${tomlValue(value)}`)
  }
}

/**
 * A commented TOML file from the core schema and each plugin's schema: every key with
 * its description, type and default, all commented out, so the file changes nothing until
 * a line is uncommented. Used by `config init` and for the documented ccproxy.toml.
 */
export function renderSampleConfig(core: TObject, plugins: Array<{ name: string; description?: string; schema: TObject }>): string {
  const lines = [
    "# ccproxy configuration.",
    "# Precedence: command-line flags > environment (SERVER__PORT=9000, CCPROXY_SERVER__PORT=9000) > this file > defaults.",
    "# Every line below shows a default; uncomment and edit to change it.",
    "",
  ]
  renderFields(core, lines)
  for (const [key, section] of Object.entries(core.properties as Record<string, TSchema>)) {
    if (!isTable(section)) continue
    lines.push("", `# ${section.description ?? key}`, `[${key}]`)
    renderFields(section as TObject, lines)
  }
  for (const plugin of plugins) {
    lines.push("", `# Plugin ${plugin.name}${plugin.description ? `: ${plugin.description}` : ""}`, `[plugins.${plugin.name}]`)
    renderFields(plugin.schema, lines)
  }
  return lines.join("\n") + "\n"
}
