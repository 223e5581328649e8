import { Kind, type TSchema } from "@sinclair/typebox"
import { didYouMean } from "./suggest"

/**
 * Warnings for keys a schema does not know, with a did-you-mean where one is close.
 * `plugins.<name>` sections are skipped here: each plugin checks its own.
 */
export function unknownKeyWarnings(schema: TSchema, data: unknown, path: string[], where: string): string[] {
  if (!data || typeof data !== "object" || Array.isArray(data) || schema[Kind] !== "Object") return []
  const known = Object.keys(schema.properties ?? {})
  const warnings: string[] = []
  for (const [key, value] of Object.entries(data)) {
    const keyPath = [...path, key]
    const child = schema.properties?.[key] as TSchema | undefined
    if (!child) {
      const guess = didYouMean(key, known)
      warnings.push(`unknown setting ${keyPath.join(".")} in ${where}${guess ? `; did you mean ${[...path, guess].join(".")}?` : ""}`)
      continue
    }
    if (keyPath.join(".") === "plugins") continue
    warnings.push(...unknownKeyWarnings(child, value, keyPath, where))
  }
  return warnings
}
