/**
 * A deep copy of a JSON value (what `JSON.parse` and the format converters produce): objects
 * and arrays are new, strings and numbers are shared (they are immutable). About twenty times
 * cheaper than `structuredClone` on a large Claude Code request, since nothing is serialised.
 */
export function jsonCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) {
    const out = new Array(value.length)
    for (let i = 0; i < value.length; i++) out[i] = jsonCopy(value[i])
    return out as T
  }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const copy = jsonCopy((value as Record<string, unknown>)[key])
    // A "__proto__" key from JSON.parse is an own property; plain assignment would set the prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true })
    else out[key] = copy
  }
  return out as T
}
