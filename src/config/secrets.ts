import { Kind, type TSchema } from "@sinclair/typebox"
import { maskSecret } from "~/core/redact"

/** Dotted keys of fields marked `secret: true` in a schema. */
export function secretPaths(schema: TSchema, prefix: string[] = []): string[][] {
  if (schema.secret) return [prefix]
  if (schema[Kind] !== "Object") return []
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([key, child]) => secretPaths(child, [...prefix, key]))
}

/** A copy of `value` with each secret path masked. */
export function maskSecrets<T>(value: T, paths: string[][]): T {
  const copy = structuredClone(value) as Record<string, unknown>
  for (const path of paths) {
    let parent: Record<string, unknown> | undefined = copy
    for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<string, unknown> | undefined
    const last = path[path.length - 1]!
    if (parent && typeof parent[last] === "string") parent[last] = maskSecret(parent[last] as string)
  }
  return copy as T
}
