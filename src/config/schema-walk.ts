import { Kind, OptionalKind, type TSchema } from "@sinclair/typebox"

/** The subschema at a key path, through objects and records; undefined for unknown keys. */
export function schemaAt(schema: TSchema, path: readonly string[]): TSchema | undefined {
  let current: TSchema | undefined = schema
  for (const key of path) {
    if (!current) return undefined
    if (current[Kind] === "Object") current = current.properties?.[key]
    else if (current[Kind] === "Record") current = Object.values(current.patternProperties ?? {})[0] as TSchema | undefined
    else return undefined
  }
  return current
}

export function isObjectSchema(schema: TSchema | undefined): boolean {
  return schema?.[Kind] === "Object"
}

export function isOptional(schema: TSchema): boolean {
  return schema[OptionalKind] === "Optional"
}

/** A short type description for messages and docs: `integer`, `list of string`, `"pretty" | "json"`. */
export function describeType(schema: TSchema): string {
  switch (schema[Kind]) {
    case "Union":
      return (schema.anyOf as TSchema[]).map(describeType).join(" | ")
    case "Literal":
      return JSON.stringify(schema.const)
    case "Array":
      return `list of ${describeType(schema.items)}`
    case "Record":
      return "table"
    case "Object":
      return "table"
    default:
      return String(schema.type ?? schema[Kind]).toLowerCase()
  }
}

const TRUE_WORDS = new Set(["1", "true", "yes", "on"])
const FALSE_WORDS = new Set(["0", "false", "no", "off"])

/**
 * Turns an environment string into the schema's type: numbers, booleans,
 * lists as `a,b` or a JSON array. Returns the raw string when it does not fit,
 * so validation reports the value as received.
 */
export function coerceFromString(schema: TSchema | undefined, raw: string): unknown {
  if (!schema) return raw
  const type = schema[Kind]
  if (type === "Integer" || type === "Number") {
    const number = Number(raw.trim())
    return raw.trim() !== "" && Number.isFinite(number) ? number : raw
  }
  if (type === "Boolean") {
    const word = raw.trim().toLowerCase()
    return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : raw
  }
  if (type === "Array") {
    const trimmed = raw.trim()
    if (trimmed.startsWith("[")) {
      try {
        return JSON.parse(trimmed)
      } catch {
        return raw
      }
    }
    const parts = trimmed === "" ? [] : trimmed.split(",").map((part) => part.trim())
    return parts.map((part) => coerceFromString(schema.items, part))
  }
  if (type === "Union") {
    for (const option of schema.anyOf as TSchema[]) {
      const coerced = coerceFromString(option, raw)
      if (coerced !== raw || option[Kind] === "String") return coerced
    }
  }
  if (type === "Object" || type === "Record") {
    try {
      return JSON.parse(raw)
    } catch {
      return raw
    }
  }
  return raw
}

/** Key paths of every leaf in a value, not descending into arrays; empty tables have none. */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]))
  }
  return [prefix]
}

export function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value
  for (const key of path) {
    if (!current || typeof current !== "object") return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target
  for (const key of path.slice(0, -1)) {
    const next = current[key]
    if (!next || typeof next !== "object" || Array.isArray(next)) current[key] = {}
    current = current[key] as Record<string, unknown>
  }
  current[path[path.length - 1]!] = value
}
